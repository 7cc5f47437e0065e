using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.Retention;

/// <summary>When one contact expires (RET-1, RET-4).</summary>
/// <remarks>
/// <para>Only prospects (<see cref="ContactKind.Lead"/>) are swept: accounts and contacts are customers, whose data the
/// host keeps for the business relationship (contracts, invoices) under other legal bases, so their erasure is the
/// host's decision. A prospect whose processing is restricted (GDPR Art. 18, often to keep the data for a legal claim)
/// is kept until the restriction is lifted.</para>
/// <para>A prospect expires at the latest of what still needs it:</para>
/// <list type="bullet">
/// <item>each purpose it is opted into or pending for keeps it until <c>LastActivityAt</c> + the longest
/// <see cref="PurposeDefinition.Retention"/> of those purposes (a purpose without one, or no longer declared, counts as
/// the default);</item>
/// <item>each submission of a form that declares its own processing (<see cref="FormDefinition.Processing"/>: a request of
/// its own, such as a quote request) keeps it until the submission's <c>ReceivedAt</c> +
/// <see cref="ProcessingDefinition.Retention"/> (the default when the processing states none).</item>
/// </list>
/// <para>When neither applies: a prospect that withdrew (or objected to) its last purpose has nothing left that
/// justifies its profile, and expires at that withdrawal (the next sweep erases it; the keyed hash of its address stays
/// on the suppression list, RET-3); a prospect that never held a purpose (imported, created by hand) is kept for
/// <see cref="RetentionOptions.DefaultProspectRetention"/> after <see cref="Contact.LastActivityAt"/>.</para>
/// </remarks>
internal static class RetentionPolicy
{
    public static bool Applies(Contact contact) => contact.Kind == ContactKind.Lead && !contact.ProcessingRestricted;

    /// <summary>Until when the purposes the contact holds keep it, or <see langword="null"/> when it holds none.</summary>
    public static Instant? HeldUntil(Contact contact, FormCatalog catalog, Duration defaultRetention)
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

        return longest is { } keep ? contact.LastActivityAt + keep : null;
    }

    /// <summary>Until when the contact's requests of their own keep it, or <see langword="null"/> when it sent none.</summary>
    public static Instant? RequestsKeepUntil(IEnumerable<SubmissionRecord> submissions, FormCatalog catalog, Duration defaultRetention)
    {
        Instant? latest = null;
        foreach (var submission in submissions)
        {
            if (catalog.FindForm(submission.FormId)?.Processing is { } processing)
            {
                var until = submission.ReceivedAt + (processing.Retention ?? defaultRetention);
                latest = latest is { } l && l >= until ? l : until;
            }
        }

        return latest;
    }

    /// <summary>Whether some form declares its own processing: only then do submissions matter.</summary>
    public static bool HasRequestForms(FormCatalog catalog) => catalog.Forms.Values.Any(f => f.Processing is not null);

    /// <summary>When the contact expires; <see langword="null"/> when it is never swept.</summary>
    public static Instant? ExpiresAt(Contact contact, FormCatalog catalog, Duration defaultRetention, IEnumerable<SubmissionRecord> submissions)
    {
        if (!Applies(contact))
        {
            return null;
        }

        var held = HeldUntil(contact, catalog, defaultRetention);
        var requests = RequestsKeepUntil(submissions, catalog, defaultRetention);
        if (held is not null || requests is not null)
        {
            return Max(held, requests);
        }

        Instant? withdrawn = null;
        foreach (var optin in contact.Optins.Values)
        {
            if (optin.State == OptinState.Withdrawn)
            {
                withdrawn = Max(withdrawn, optin.ChangedAt);
            }
        }

        return withdrawn ?? contact.LastActivityAt + defaultRetention;
    }

    /// <summary>
    /// Whether the contact can be expired at <paramref name="now"/> whatever its submissions say: a purpose it holds that
    /// keeps it past now rules it out without reading them.
    /// </summary>
    public static bool MayExpire(Contact contact, FormCatalog catalog, Duration defaultRetention, Instant now) =>
        Applies(contact) && !(HeldUntil(contact, catalog, defaultRetention) > now);

    private static Instant? Max(Instant? a, Instant? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
