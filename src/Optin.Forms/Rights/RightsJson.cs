using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rights;

/// <summary>The JSON shapes shared by the evidence document and the exports: camelCase names, instants in ISO 8601 UTC.</summary>
internal static class RightsJson
{
    public static readonly JsonWriterOptions Options = new() { Indented = true };

    /// <summary>Flush to the stream when this much is buffered, so that a long ledger never sits in memory.</summary>
    public const int FlushThreshold = 32 * 1024;

    public static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static void WriteInstant(Utf8JsonWriter writer, string name, Instant? value)
    {
        if (value is { } instant)
        {
            writer.WriteString(name, Format(instant));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public static async ValueTask FlushIfFullAsync(Utf8JsonWriter writer, CancellationToken cancellationToken)
    {
        if (writer.BytesPending > FlushThreshold)
        {
            await writer.FlushAsync(cancellationToken);
        }
    }

    public static void WriteEvent(Utf8JsonWriter writer, ConsentEvent e, bool verify = false)
    {
        writer.WriteStartObject();
        writer.WriteString("id", e.Id);
        writer.WriteNumber("sequence", e.Sequence);
        writer.WriteString("kind", e.Kind.ToString());
        writer.WriteString("state", e.State.ToString());
        writer.WriteString("method", e.Method.ToString());
        WriteInstant(writer, "occurredAt", e.OccurredAt);
        writer.WriteString("purposeId", e.PurposeId);
        Optional(writer, "purposeVersion", e.PurposeVersion);
        Optional(writer, "formId", e.FormId);
        Optional(writer, "formVersion", e.FormVersion);
        if (e.SubmissionId is { } submissionId)
        {
            writer.WriteString("submissionId", submissionId);
        }

        Optional(writer, "consentText", e.ConsentText);
        Optional(writer, "consentTextSha256", e.ConsentTextSha256);
        Optional(writer, "purposeText", e.PurposeText);
        Optional(writer, "purposeTextSha256", e.PurposeTextSha256);
        Optional(writer, "privacyNotice", e.PrivacyNotice);
        Optional(writer, "controller", e.Controller);
        Optional(writer, "culture", e.Culture);
        Optional(writer, "sourceUrl", e.SourceUrl);
        Optional(writer, "ipAddress", e.IpAddress);
        Optional(writer, "userAgent", e.UserAgent);
        Optional(writer, "templateId", e.TemplateId);
        Optional(writer, "templateSha256", e.TemplateSha256);
        Optional(writer, "messageId", e.MessageId);
        Optional(writer, "actor", e.Actor);
        Optional(writer, "reason", e.Reason);
        Optional(writer, "legalBasis", e.LegalBasis);

        // EVD-1
        Optional(writer, "address", e.Address);
        Optional(writer, "previousAddress", e.PreviousAddress);
        Optional(writer, "formSha256", e.FormSha256);
        Optional(writer, "consentBoxSha256", e.ConsentBoxSha256);
        Optional(writer, "privacyNoticeSha256", e.PrivacyNoticeSha256);
        Optional(writer, "emailSha256", e.EmailSha256);
        if (verify && EvidenceService.Verify(e.ConsentText, e.ConsentTextSha256) is { } consentVerified)
        {
            writer.WriteBoolean("consentTextVerified", consentVerified);
        }

        if (verify && EvidenceService.Verify(e.PurposeText, e.PurposeTextSha256) is { } purposeVerified)
        {
            writer.WriteBoolean("purposeTextVerified", purposeVerified);
        }

        // LEDG-1 (hash chain): the entry's place in the contact's chain, and whether its content still hashes to it.
        Optional(writer, "hash", e.Hash);
        Optional(writer, "previousHash", e.PreviousHash);
        if (verify && e.Hash is not null && e.PreviousHash is not null)
        {
            writer.WriteBoolean("hashVerified", string.Equals(LedgerChain.ComputeHash(e, e.PreviousHash), e.Hash, StringComparison.Ordinal));
        }

        writer.WriteEndObject();
    }

    /// <summary>A submission; its field values only when <paramref name="withValues"/>.</summary>
    public static void WriteSubmission(Utf8JsonWriter writer, SubmissionRecord s, bool withValues)
    {
        writer.WriteStartObject();
        writer.WriteString("id", s.Id);
        writer.WriteString("formId", s.FormId);
        writer.WriteString("formVersion", s.FormVersion);
        WriteInstant(writer, "receivedAt", s.ReceivedAt);
        writer.WriteString("culture", s.Culture);
        Optional(writer, "sourceUrl", s.SourceUrl);
        Optional(writer, "ipAddress", s.IpAddress);
        Optional(writer, "userAgent", s.UserAgent);
        if (s.Attribution is { } attribution)
        {
            // Where the visit came from (#19): landing page, A/B variant, utm_* values, referrer host; never personal data.
            writer.WriteStartObject("attribution");
            foreach (var (name, value) in SubmissionAttribution.ColumnNames.Zip(attribution.Columns()))
            {
                Optional(writer, name, value);
            }

            writer.WriteEndObject();
        }

        if (withValues)
        {
            WriteMap(writer, "values", s.Values);
        }

        writer.WriteStartArray("consentsGiven");
        foreach (var purpose in s.ConsentsGiven.IsDefault ? [] : s.ConsentsGiven)
        {
            writer.WriteStringValue(purpose);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteMap(Utf8JsonWriter writer, string name, IEnumerable<KeyValuePair<string, string>> values)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    public static void WriteContact(Utf8JsonWriter writer, Contact contact)
    {
        writer.WriteStartObject("contact");
        writer.WriteString("id", contact.Id);
        writer.WriteString("kind", contact.Kind.ToString());
        writer.WriteString("email", contact.Email);
        RightsJson.WriteMap(writer, "fields", contact.Fields);
        writer.WriteStartArray("tags");
        foreach (var tag in contact.Tags)
        {
            writer.WriteStringValue(tag);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("optins");
        foreach (var (purpose, optin) in contact.Optins.OrderBy(o => o.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(purpose);
            writer.WriteString("state", optin.State.ToString());
            RightsJson.WriteInstant(writer, "changedAt", optin.ChangedAt);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteBoolean("objectedToMarketing", contact.ObjectedToMarketing);
        writer.WriteBoolean("processingRestricted", contact.ProcessingRestricted);
        RightsJson.WriteInstant(writer, "createdAt", contact.CreatedAt);
        RightsJson.WriteInstant(writer, "updatedAt", contact.UpdatedAt);
        RightsJson.WriteInstant(writer, "lastActivityAt", contact.LastActivityAt);
        writer.WriteEndObject();
    }

    public static void WriteTokens(Utf8JsonWriter writer, IReadOnlyList<TokenRecord> tokens)
    {
        // Metadata only: neither the token nor its hash leaves the store.
        writer.WriteStartArray("tokens");
        foreach (var token in tokens)
        {
            writer.WriteStartObject();
            writer.WriteString("kind", token.Kind.ToString());
            writer.WriteString("purposeId", token.PurposeId);
            RightsJson.WriteInstant(writer, "createdAt", token.CreatedAt);
            RightsJson.WriteInstant(writer, "expiresAt", token.ExpiresAt);
            RightsJson.WriteInstant(writer, "consumedAt", token.ConsumedAt);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void Optional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
