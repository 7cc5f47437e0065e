namespace Optin.Forms.Contacts;

/// <summary>The kind of record a contact is, as in a CRM.</summary>
public enum ContactKind
{
    /// <summary>A prospect who has not bought or signed anything yet; the default for form sign-ups.</summary>
    Lead,

    /// <summary>A person known to the business.</summary>
    Contact,

    /// <summary>A customer account.</summary>
    Account,
}
