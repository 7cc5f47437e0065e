using System.Text.Json;
using Optin.Forms.Jobs;

namespace Optin.Forms.Tests.Jobs;

/// <summary>
/// The payload's JSON is written by a source-generated serializer (a cost paid per job on the hot path): it must stay the
/// JSON the reflection-based serializer wrote, since stored jobs of earlier versions are read back with it.
/// </summary>
public sealed class JobPayloadJsonTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly JobPayload[] Payloads =
    [
        new JobPayload(),
        new JobPayload
        {
            Args = new(StringComparer.OrdinalIgnoreCase) { ["Template"] = "welcome", ["Purpose"] = "newsletter", ["Url"] = "https://x.example/?a=1&b=<é>", ["Empty"] = null },
            EventType = "FormSubmitted",
            FormId = "newsletter",
            SubmissionId = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"),
            Culture = "fr",
            PurposeId = "newsletter",
        },
    ];

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Serialize_WritesTheSameJsonAsTheReflectionSerializer(int which)
    {
        var payload = Payloads[which];
        Assert.Equal(JsonSerializer.Serialize(payload, Web), payload.Serialize());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Deserialize_ReadsBackWhatTheReflectionSerializerWrote(int which)
    {
        var payload = Payloads[which];
        var read = JobPayload.Deserialize(JsonSerializer.Serialize(payload, Web));

        Assert.Equal(payload.Args.OrderBy(a => a.Key), read.Args.OrderBy(a => a.Key));
        Assert.Equal(payload with { Args = read.Args }, read);
        Assert.Equal("welcome", JobPayload.Deserialize("{\"ARGS\":{\"template\":\"welcome\"}}").Args["Template"]);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"args\":null,\"formId\":\"f\"}")]
    public void Deserialize_WithoutArgs_GivesAnEmptyCaseInsensitiveDictionary(string json)
    {
        var read = JobPayload.Deserialize(json);

        Assert.Empty(read.Args);
        read.Args["Template"] = "x";
        Assert.Equal("x", read.Args["template"]);
    }
}
