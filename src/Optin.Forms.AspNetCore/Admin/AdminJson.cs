using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using NodaTime;
using NodaTime.Text;

namespace Optin.Forms.AspNetCore.Admin;

/// <summary>JSON settings of the admin API: web casing, enums as names, instants as ISO-8601 UTC.</summary>
internal static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    public static IResult Ok(object value) => Results.Json(value, Options);

    public static IResult Problem(int status, string title, string? detail = null, IDictionary<string, string[]>? errors = null) =>
        errors is null
            ? Results.Problem(detail, statusCode: status, title: title)
            : Results.ValidationProblem(errors, detail, statusCode: status, title: title);

    /// <summary>Reads the JSON body as <typeparamref name="T"/>, or gives the 400 answer to return.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (!context.Request.HasJsonContentType())
        {
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be application/json."));
        }

        try
        {
            var value = await context.Request.ReadFromJsonAsync<T>(Options, context.RequestAborted);
            return value is null ? (null, Problem(StatusCodes.Status400BadRequest, "The body is empty.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON for this request.", e.Message));
        }
    }

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(allowIntegerValues: false));
        options.Converters.Add(new InstantConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    private sealed class InstantConverter : JsonConverter<Instant>
    {
        public override Instant Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            var parsed = InstantPattern.ExtendedIso.Parse(text ?? string.Empty);
            return parsed.Success ? parsed.Value : throw new JsonException($"'{text}' is not an ISO-8601 UTC instant such as 2026-11-29T09:30:00Z.");
        }

        public override void Write(Utf8JsonWriter writer, Instant value, JsonSerializerOptions options) =>
            writer.WriteStringValue(InstantPattern.ExtendedIso.Format(value));
    }
}
