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
}
