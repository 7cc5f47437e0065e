using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Jobs;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>Maps jobs, tokens and suppression entries to rows and back (instants as Unix milliseconds).</summary>
internal static class JobMapper
{
    public static JobEntity ToEntity(JobRecord job) => new()
    {
        Id = job.Id,
        Action = job.Action,
        RuleName = job.RuleName,
        ContactId = job.ContactId,
        PurposeId = job.PurposeId,
        PurposeKey = job.PurposeId is null ? null : ContactQuerySql.PurposeKey(job.PurposeId),
        Payload = job.Payload,
        MessageId = job.MessageId,
        CreatedAt = job.CreatedAt.ToUnixTimeMilliseconds(),
        DueAt = job.DueAt.ToUnixTimeMilliseconds(),
        Status = (int)job.Status,
        Attempts = job.Attempts,
        LeaseOwner = job.LeaseOwner,
        LeaseExpiresAt = job.LeaseExpiresAt?.ToUnixTimeMilliseconds(),
        LastError = job.LastError,
        FinishedAt = job.FinishedAt?.ToUnixTimeMilliseconds(),
        Recipient = job.Recipient,
        TraceParent = job.TraceParent,
    };

    public static JobRecord ToJob(JobEntity row) => new()
    {
        Id = row.Id,
        Action = row.Action,
        RuleName = row.RuleName,
        ContactId = row.ContactId,
        PurposeId = row.PurposeId,
        Payload = row.Payload,
        MessageId = row.MessageId,
        CreatedAt = Instant.FromUnixTimeMilliseconds(row.CreatedAt),
        DueAt = Instant.FromUnixTimeMilliseconds(row.DueAt),
        Status = (JobStatus)row.Status,
        Attempts = row.Attempts,
        LeaseOwner = row.LeaseOwner,
        LeaseExpiresAt = Ms(row.LeaseExpiresAt),
        LastError = row.LastError,
        FinishedAt = Ms(row.FinishedAt),
        Recipient = row.Recipient,
        TraceParent = row.TraceParent,
    };

    public static TokenEntity ToEntity(TokenRecord token) => new()
    {
        Hash = token.Hash,
        Kind = (int)token.Kind,
        ContactId = token.ContactId,
        PurposeId = token.PurposeId,
        PurposeKey = ContactQuerySql.PurposeKey(token.PurposeId),
        OtherPurposeIds = token.OtherPurposeIds.IsDefaultOrEmpty ? null : " " + string.Join(' ', token.OtherPurposeIds) + " ",
        Culture = token.Culture,
        JobId = token.JobId,
        CreatedAt = token.CreatedAt.ToUnixTimeMilliseconds(),
        ExpiresAt = token.ExpiresAt.ToUnixTimeMilliseconds(),
        ConsumedAt = token.ConsumedAt?.ToUnixTimeMilliseconds(),
    };

    public static TokenRecord ToToken(TokenEntity row) => new()
    {
        Hash = row.Hash,
        Kind = (TokenKind)row.Kind,
        ContactId = row.ContactId,
        PurposeId = row.PurposeId,
        OtherPurposeIds = row.OtherPurposeIds is { } others ? [.. others.Split(' ', StringSplitOptions.RemoveEmptyEntries)] : [],
        Culture = row.Culture,
        JobId = row.JobId,
        CreatedAt = Instant.FromUnixTimeMilliseconds(row.CreatedAt),
        ExpiresAt = Instant.FromUnixTimeMilliseconds(row.ExpiresAt),
        ConsumedAt = Ms(row.ConsumedAt),
    };

    public static SuppressionEntry ToEntry(SuppressionEntity row) =>
        new(row.AddressHash, row.Reason, Instant.FromUnixTimeMilliseconds(row.CreatedAt), Instant.FromUnixTimeMilliseconds(row.ExpiresAt));

    private static Instant? Ms(long? value) => value is { } ms ? Instant.FromUnixTimeMilliseconds(ms) : null;

    // Erasure (DSR-5).

    /// <summary>The payload names a finished job of an erased contact keeps (configuration and ids, no personal data).</summary>
    private static readonly string[] KeptPayload = ["args", "eventType", "formId", "purposeId"];

    /// <summary>
    /// The payload of a finished job of an erased contact: the rule's arguments (configuration), the event type, the form
    /// and the purpose; the submission id, the culture and anything else are dropped, as the core's in-memory store does.
    /// </summary>
    public static string ScrubPayload(string json)
    {
        var kept = new System.Text.Json.Nodes.JsonObject();
        if (System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonObject payload)
        {
            foreach (var (name, value) in payload.ToList())
            {
                if (KeptPayload.Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    payload.Remove(name);
                    kept[name] = value;
                }
            }
        }

        return kept.ToJsonString();
    }
}
