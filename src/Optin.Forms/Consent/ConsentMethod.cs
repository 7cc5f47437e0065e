namespace Optin.Forms.Consent;

/// <summary>How a consent event came about (CONS-6).</summary>
public enum ConsentMethod
{
    /// <summary>A form post.</summary>
    Form,

    /// <summary>An operator, by hand.</summary>
    Manual,

    /// <summary>An operator, in bulk on a query.</summary>
    Bulk,

    /// <summary>An import of contacts.</summary>
    Import,

    /// <summary>A link in an email (confirmation, unsubscribe).</summary>
    EmailLink,

    /// <summary>The engine itself (expiry, erasure).</summary>
    System,

    /// <summary>
    /// A program posted the data (a JSON request): the texts recorded are those the configuration declares, not a
    /// form the library rendered, so the entry makes no claim that a person saw them (EVD-1).
    /// </summary>
    Api,
}
