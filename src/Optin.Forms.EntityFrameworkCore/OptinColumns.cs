using System.Collections.Frozen;
using System.Reflection;

namespace Optin.Forms.EntityFrameworkCore;

/// <summary>
/// The column names of the Optin.Forms tables, spelled here once: each constant is named after the entity property it
/// stores, <see cref="OptinFormsModel"/> maps every property to the constant of its name, and the store's hand-written
/// SQL uses the same constants. A property without a constant stops the model from being built.
/// </summary>
internal static class OptinColumns
{
    public const string Action = "action";
    public const string Actor = "actor";
    public const string Address = "address";
    public const string AddressHash = "address_hash";
    public const string ArchivedAt = "archived_at";
    public const string At = "at";
    public const string Attempts = "attempts";
    public const string ChangedAt = "changed_at";
    public const string ConsentBoxSha256 = "consent_box_sha256";
    public const string ConsentText = "consent_text";
    public const string ConsentTextSha256 = "consent_text_sha256";
    public const string ConsentsGivenJson = "consents_given_json";
    public const string ConsumedAt = "consumed_at";
    public const string ContactId = "contact_id";
    public const string Content = "content";
    public const string Controller = "controller";
    public const string CreatedAt = "created_at";
    public const string Culture = "culture";
    public const string Document = "document";
    public const string DueAt = "due_at";
    public const string Email = "email";
    public const string EmailKey = "email_key";
    public const string EmailSha256 = "email_sha256";
    public const string ExpiresAt = "expires_at";
    public const string FinishedAt = "finished_at";
    public const string FormId = "form_id";
    public const string FormSha256 = "form_sha256";
    public const string FormVersion = "form_version";
    public const string Hash = "hash";
    public const string HeadHash = "head_hash";
    public const string Id = "id";
    public const string IpAddress = "ip_address";
    public const string JobId = "job_id";
    public const string KeepUntil = "keep_until";
    public const string Key = "key";
    public const string Kind = "kind";
    public const string LastActivityAt = "last_activity_at";
    public const string LastError = "last_error";
    public const string LeaseExpiresAt = "lease_expires_at";
    public const string LeaseOwner = "lease_owner";
    public const string LegalBasis = "legal_basis";
    public const string Length = "length";
    public const string MediaType = "media_type";
    public const string MessageId = "message_id";
    public const string Method = "method";
    public const string Name = "name";
    public const string ObjectedToMarketing = "objected_to_marketing";
    public const string OccurredAt = "occurred_at";
    public const string OtherPurposeIds = "other_purpose_ids";
    public const string Payload = "payload";
    public const string Position = "position";
    public const string PreviousAddress = "previous_address";
    public const string PreviousHash = "previous_hash";
    public const string PrivacyNotice = "privacy_notice";
    public const string PrivacyNoticeSha256 = "privacy_notice_sha256";
    public const string ProcessingRestricted = "processing_restricted";
    public const string PurposeId = "purpose_id";
    public const string PurposeKey = "purpose_key";
    public const string PurposeText = "purpose_text";
    public const string PurposeTextSha256 = "purpose_text_sha256";
    public const string PurposeVersion = "purpose_version";
    public const string Reason = "reason";
    public const string ReceivedAt = "received_at";
    public const string Recipient = "recipient";
    public const string RuleName = "rule_name";
    public const string Sequence = "sequence";
    public const string Sha256 = "sha256";
    public const string SourceUrl = "source_url";
    public const string State = "state";
    public const string TraceParent = "trace_parent";
    public const string Status = "status";
    public const string StoredAt = "stored_at";
    public const string SubmissionId = "submission_id";
    public const string Tag = "tag";
    public const string TemplateId = "template_id";
    public const string TemplateSha256 = "template_sha256";
    public const string UpdatedAt = "updated_at";
    public const string UserAgent = "user_agent";
    public const string Value = "value";
    public const string ValuesJson = "values_json";
    public const string Day = "day";
    public const string LandingPage = "landing_page";
    public const string Source = "source";
    public const string Views = "views";

    private static readonly FrozenDictionary<string, string> ByProperty = typeof(OptinColumns)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .ToFrozenDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!, StringComparer.Ordinal);

    /// <summary>The column of the entity property named <paramref name="property"/>.</summary>
    /// <exception cref="InvalidOperationException">No column is named for that property here.</exception>
    public static string For(string property) => ByProperty.TryGetValue(property, out var column)
        ? column
        : throw new InvalidOperationException($"OptinColumns has no column for the property '{property}': add one.");
}

