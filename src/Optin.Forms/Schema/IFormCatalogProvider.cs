namespace Optin.Forms.Schema;

/// <summary>Gives the current validated configuration snapshot.</summary>
public interface IFormCatalogProvider
{
    /// <summary>The current catalog. A reload that fails validation leaves the previous one in place (CFG-4).</summary>
    FormCatalog Current { get; }
}
