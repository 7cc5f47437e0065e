using System.Text.Json;
using System.Text.Json.Serialization;

namespace Optin.Forms.Jobs;

/// <summary>What a job carries: the action's arguments and the data of the event that caused it, as JSON.</summary>
internal sealed record JobPayload
{
    public Dictionary<string, string?> Args { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public string? EventType { get; init; }

    public string? FormId { get; init; }

    public Guid? SubmissionId { get; init; }

    public string? Culture { get; init; }

    public string? PurposeId { get; init; }

    /// <summary>
    /// The payload as JSON, written by the source-generated serializer (every submission writes one per job: the
    /// reflection-based one cost a write stack and its frames each time). Same JSON as the
    /// reflection-based serializer with <see cref="JsonSerializerDefaults.Web"/> (pinned by a test).
    /// </summary>
    public string Serialize() => JsonSerializer.Serialize(this, JobPayloadJsonContext.Default.JobPayload);

    public static JobPayload Deserialize(string json)
    {
        var payload = JsonSerializer.Deserialize(json, JobPayloadJsonContext.Default.JobPayload) ?? new JobPayload();
        // The generated reader sets an init-only property it did not find to null (the reflection one kept the default).
        return payload with
        {
            Args = payload.Args is null ? new(StringComparer.OrdinalIgnoreCase) : new Dictionary<string, string?>(payload.Args, StringComparer.OrdinalIgnoreCase),
        };
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

/// <summary>The source-generated (de)serializer of <see cref="JobPayload"/>, with the web defaults its JSON always had.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobPayload))]
internal sealed partial class JobPayloadJsonContext : JsonSerializerContext;
