using System.Text.Json;

namespace Optin.Forms.Jobs;

/// <summary>What a job carries: the action's arguments and the data of the event that caused it, as JSON.</summary>
internal sealed record JobPayload
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Dictionary<string, string?> Args { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public string? EventType { get; init; }

    public string? FormId { get; init; }

    public Guid? SubmissionId { get; init; }

    public string? Culture { get; init; }

    public string? PurposeId { get; init; }

    public string Serialize() => JsonSerializer.Serialize(this, Json);

    public static JobPayload Deserialize(string json)
    {
        var payload = JsonSerializer.Deserialize<JobPayload>(json, Json) ?? new JobPayload();
        return payload with { Args = new Dictionary<string, string?>(payload.Args, StringComparer.OrdinalIgnoreCase) };
    }

    // Erasure (DSR-5): what a finished job keeps of its payload once its contact is erased.

    private static readonly JsonSerializerOptions Scrubbed = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>
    /// The payload of a finished job of an erased contact: the rule's arguments (configuration, no personal data), the
    /// event type, the form and the purpose; the submission id, the culture and anything else are dropped (DSR-5).
    /// </summary>
    public static string Scrub(string json)
    {
        var payload = Deserialize(json);
        return JsonSerializer.Serialize(
            new JobPayload { Args = payload.Args, EventType = payload.EventType, FormId = payload.FormId, PurposeId = payload.PurposeId }, Scrubbed);
    }

    /// <summary>The last error a finished job of an erased contact keeps: a cancellation's own reason, nothing else (DSR-5).</summary>
    public static string? ScrubError(JobStatus status, string? lastError) => status == JobStatus.Cancelled ? lastError : null;
}
