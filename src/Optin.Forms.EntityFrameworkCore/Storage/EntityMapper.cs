using System.Collections.Immutable;
using System.Text.Json;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Submissions;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Maps the domain records to rows and back; instants are stored as Unix milliseconds (the contract's precision).</summary>
internal static class EntityMapper
{
    public static ContactEntity ToEntity(Contact contact) => new()
    {
        Id = contact.Id,
        Kind = (int)contact.Kind,
        Email = contact.Email,
        EmailKey = contact.EmailKey,
        ObjectedToMarketing = contact.ObjectedToMarketing,
        ProcessingRestricted = contact.ProcessingRestricted,
        CreatedAt = contact.CreatedAt.ToUnixTimeMilliseconds(),
        UpdatedAt = contact.UpdatedAt.ToUnixTimeMilliseconds(),
        LastActivityAt = contact.LastActivityAt.ToUnixTimeMilliseconds(),
    };

    public static IEnumerable<ContactFieldEntity> Fields(Contact contact) =>
        contact.Fields.Select(f => new ContactFieldEntity { ContactId = contact.Id, Name = f.Key, Value = f.Value });

    public static IEnumerable<ContactTagEntity> Tags(Contact contact) =>
        contact.Tags.Select(t => new ContactTagEntity { ContactId = contact.Id, Tag = t });

    public static IEnumerable<ContactOptinEntity> Optins(Contact contact) =>
        contact.Optins.Select(o => new ContactOptinEntity
        {
            ContactId = contact.Id,
            PurposeKey = ContactQuerySql.PurposeKey(o.Key),
            PurposeId = o.Key,
            State = (int)o.Value.State,
            ChangedAt = o.Value.ChangedAt.ToUnixTimeMilliseconds(),
        });

    /// <remarks>
    /// The contact's last change is the latest of its row's <c>updated_at</c> and its opt-ins' <c>changed_at</c>: a bulk
    /// opt-in change writes only the opt-in rows (<see cref="BulkOptinWriter"/>).
    /// </remarks>
    public static Contact ToContact(ContactEntity row, IEnumerable<ContactFieldEntity> fields, IEnumerable<ContactTagEntity> tags,
        IReadOnlyCollection<ContactOptinEntity> optins) => new()
    {
        Id = row.Id,
        Kind = (ContactKind)row.Kind,
        Email = row.Email,
        EmailKey = row.EmailKey,
        ObjectedToMarketing = row.ObjectedToMarketing,
        ProcessingRestricted = row.ProcessingRestricted,
        CreatedAt = Instant.FromUnixTimeMilliseconds(row.CreatedAt),
        UpdatedAt = Instant.FromUnixTimeMilliseconds(optins.Count == 0 ? row.UpdatedAt : Math.Max(row.UpdatedAt, optins.Max(o => o.ChangedAt))),
        LastActivityAt = Instant.FromUnixTimeMilliseconds(row.LastActivityAt),
        Fields = fields.ToImmutableDictionary(f => f.Name, f => f.Value, StringComparer.Ordinal),
        Tags = tags.Select(t => t.Tag).ToImmutableSortedSet(StringComparer.Ordinal),
        Optins = optins.ToImmutableDictionary(o => o.PurposeId,
            o => new PurposeOptin((OptinState)o.State, Instant.FromUnixTimeMilliseconds(o.ChangedAt)), StringComparer.OrdinalIgnoreCase),
    };

    public static ConsentEvent ToEvent(ConsentEventEntity e) => new()
    {
        Id = e.Id,
        Sequence = e.Sequence,
        ContactId = e.ContactId,
        Kind = (ConsentEventKind)e.Kind,
        State = (OptinState)e.State,
        Method = (ConsentMethod)e.Method,
        OccurredAt = Instant.FromUnixTimeMilliseconds(e.OccurredAt),
        PurposeId = e.PurposeId,
        PurposeVersion = e.PurposeVersion,
        FormId = e.FormId,
        FormVersion = e.FormVersion,
        SubmissionId = e.SubmissionId,
        ConsentText = e.ConsentText,
        ConsentTextSha256 = e.ConsentTextSha256,
        PurposeText = e.PurposeText,
        PurposeTextSha256 = e.PurposeTextSha256,
        PrivacyNotice = e.PrivacyNotice,
        Controller = e.Controller,
        Culture = e.Culture,
        SourceUrl = e.SourceUrl,
        IpAddress = e.IpAddress,
        UserAgent = e.UserAgent,
        Actor = e.Actor,
        Reason = e.Reason,
        LegalBasis = e.LegalBasis,
        TemplateId = e.TemplateId,
        TemplateSha256 = e.TemplateSha256,
        MessageId = e.MessageId,
        Address = e.Address,
        PreviousAddress = e.PreviousAddress,
        FormSha256 = e.FormSha256,
        ConsentBoxSha256 = e.ConsentBoxSha256,
        PrivacyNoticeSha256 = e.PrivacyNoticeSha256,
        EmailSha256 = e.EmailSha256,
        Hash = e.Hash,
        PreviousHash = e.PreviousHash,
    };

    public static SubmissionEntity ToEntity(SubmissionRecord s) => new()
    {
        Id = s.Id,
        FormId = s.FormId,
        FormVersion = s.FormVersion,
        ContactId = s.ContactId,
        ReceivedAt = s.ReceivedAt.ToUnixTimeMilliseconds(),
        Culture = s.Culture,
        // The attribution rides in the values' JSON under reserved names no field can take (SubmissionAttribution.Keys):
        // nothing queries it in SQL, so it needs no column of its own.
        ValuesJson = JsonSerializer.Serialize(s.Attribution is null ? s.Values : s.Values.SetItems(s.Attribution.ToPairs())),
        ConsentsGivenJson = JsonSerializer.Serialize(s.ConsentsGiven.IsDefault ? [] : s.ConsentsGiven.ToArray()),
        SourceUrl = s.SourceUrl,
        IpAddress = s.IpAddress,
        UserAgent = s.UserAgent,
    };

    public static SubmissionRecord ToSubmission(SubmissionEntity s)
    {
        var values = (JsonSerializer.Deserialize<Dictionary<string, string>>(s.ValuesJson) ?? []).ToImmutableDictionary(StringComparer.Ordinal);
        var attribution = values.Keys.Any(SubmissionAttribution.IsReserved) ? SubmissionAttribution.FromPairs(values) : null;
        return ToSubmission(s, attribution is null ? values : values.RemoveRange(values.Keys.Where(SubmissionAttribution.IsReserved)), attribution);
    }

    private static SubmissionRecord ToSubmission(SubmissionEntity s, ImmutableDictionary<string, string> values, SubmissionAttribution? attribution) => new()
    {
        Id = s.Id,
        FormId = s.FormId,
        FormVersion = s.FormVersion,
        ContactId = s.ContactId,
        ReceivedAt = Instant.FromUnixTimeMilliseconds(s.ReceivedAt),
        Culture = s.Culture,
        Values = values,
        ConsentsGiven = [.. JsonSerializer.Deserialize<string[]>(s.ConsentsGivenJson) ?? []],
        SourceUrl = s.SourceUrl,
        IpAddress = s.IpAddress,
        UserAgent = s.UserAgent,
        Attribution = attribution,
    };
}
