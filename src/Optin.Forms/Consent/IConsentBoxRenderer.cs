using Optin.Forms.Schema;

namespace Optin.Forms.Consent;

/// <summary>
/// Renders one consent box exactly as the library's form shows it, unticked and without errors (EVD-1), so that a
/// submission made on a rendered form can archive the box the person saw. The web package registers one.
/// </summary>
public interface IConsentBoxRenderer
{
    /// <summary>The box's HTML: the unticked checkbox, its label (the consent text) and the purpose text beside it.</summary>
    /// <param name="catalog">The catalog the form belongs to.</param>
    /// <param name="form">The form.</param>
    /// <param name="purpose">The purpose of the box.</param>
    /// <param name="culture">The culture shown.</param>
    string Render(FormCatalog catalog, FormDefinition form, PurposeDefinition purpose, string culture);
}
