using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;

namespace Optin.Forms.Retention;

/// <summary>How long one contact is kept after its last active contact (RET-1).</summary>
/// <remarks>
/// Only prospects (<see cref="ContactKind.Lead"/>) are swept: accounts and contacts are customers, whose data the
/// host keeps for the business relationship (contracts, invoices) under other legal bases, so their erasure is the
/// host's decision. A prospect whose processing is restricted (GDPR Art. 18, often to keep the data for a legal claim)
/// is kept until the restriction is lifted. A prospect is kept while any purpose it is opted into or pending for has not expired: the retention
/// is the longest <see cref="PurposeDefinition.Retention"/> of those purposes (a purpose without one, or no longer
/// declared, counts as the default). A prospect holding no such purpose (none given, withdrawn, expired) is kept for
/// <see cref="RetentionOptions.DefaultProspectRetention"/>. The clock starts at <see cref="Contact.LastActivityAt"/>;
/// the contact expires at exactly <c>LastActivityAt + retention</c>.
/// </remarks>
internal static class RetentionPolicy
{
    public static bool Applies(Contact contact) => contact.Kind == ContactKind.Lead && !contact.ProcessingRestricted;

    public static Duration RetentionOf(Contact contact, FormCatalog catalog, Duration defaultRetention)
    {
        Duration? longest = null;
        foreach (var (purposeId, optin) in contact.Optins)
        {
            if (optin.State is OptinState.OptedIn or OptinState.PendingConfirmation)
            {
                var retention = catalog.FindPurpose(purposeId)?.Retention ?? defaultRetention;
                longest = longest is { } l && l >= retention ? l : retention;
            }
        }

        return longest ?? defaultRetention;
    }

    public static bool IsExpired(Contact contact, FormCatalog catalog, Duration defaultRetention, Instant now) =>
        Applies(contact) && contact.LastActivityAt + RetentionOf(contact, catalog, defaultRetention) <= now;

    /// <summary>The shortest retention any prospect can have: contacts active since <c>now - this</c> need no look.</summary>
    public static Duration Shortest(FormCatalog catalog, Duration defaultRetention) =>
        catalog.Purposes.Values.Select(p => p.Retention ?? defaultRetention).Append(defaultRetention).Min();
}
