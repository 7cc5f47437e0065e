using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;
using Optin.Forms.Storage;

namespace Optin.Forms.DoubleOptin;

/// <summary>Builds the ledger entries written by links in emails (confirmation, withdrawal, "not me").</summary>
internal static class OptinLedger
{
    public static ConsentEvent FromLink(FormCatalog catalog, Guid contactId, string purposeId, ConsentEventKind kind, OptinState state,
        Instant at, string? culture, SubmissionContext context, string? reason = null)
    {
        var purpose = catalog.FindPurpose(purposeId);
        var text = purpose?.GetText(culture, catalog.DefaultCulture);
        return new ConsentEvent
        {
            Id = RecordIds.New(),
            ContactId = contactId,
            Kind = kind,
            State = state,
            Method = ConsentMethod.EmailLink,
            OccurredAt = at,
            PurposeId = purposeId,
            PurposeVersion = text?.Version,
            ConsentText = text?.Consent,
            ConsentTextSha256 = text?.ConsentSha256,
            PurposeText = text?.Purpose,
            PurposeTextSha256 = text?.PurposeSha256,
            PrivacyNotice = purpose?.PrivacyNotice,
            Controller = purpose?.Controller,
            Culture = text?.Culture ?? culture,
            IpAddress = ProofCapture.IpAddress(context.IpAddress, catalog.IpAddressCapture),
            UserAgent = ProofCapture.UserAgent(context.UserAgent, catalog.UserAgentCapture),
            Reason = reason,
        };
    }

    /// <summary>
    /// The tombstone erasure leaves: no address, no text typed by the person (invariant 7); <paramref name="reason"/> is
    /// a code of <see cref="Rights.ErasureReasons"/>, with a reference when one was given (DSR-5).
    /// </summary>
    public static ConsentEvent Tombstone(Guid contactId, string purposeId, Instant at, string reason) => new()
    {
        Id = RecordIds.New(),
        ContactId = contactId,
        Kind = ConsentEventKind.Erased,
        State = OptinState.None,
        Method = ConsentMethod.System,
        OccurredAt = at,
        PurposeId = purposeId,
        Reason = reason,
    };
}
