using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Optin.Forms.AspNetCore.Http;

/// <summary>
/// Reads a form post (urlencoded, multipart without files, or a flat JSON object whose names are unique) into key/value
/// pairs, enforcing the size, field-count and length limits before anything is bound (SEC-6).
/// </summary>
internal static class PostedBody
{
    /// <summary>The outcome: the pairs, or the status code to refuse with.</summary>
    internal sealed record Result(IReadOnlyList<KeyValuePair<string, string?>> Pairs, int Status, bool IsJson)
    {
        public bool Ok => Status == 0;
    }

    public static async Task<Result> ReadAsync(HttpContext context, long maxBody, int maxFields, int maxLength, bool allowJson)
    {
        var request = context.Request;
        if (request.ContentLength > maxBody)
        {
            return Fail(StatusCodes.Status413PayloadTooLarge);
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBody;
        }

        request.Body = new LengthLimitedStream(request.Body, maxBody);
        var mediaType = MediaTypeHeaderValue.TryParse(request.ContentType, out var parsed) ? parsed.MediaType.Value : null;
        try
        {
            if (string.Equals(mediaType, "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
                || string.Equals(mediaType, "multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadFormAsync(context, maxBody, maxFields, maxLength);
            }

            if (allowJson && string.Equals(mediaType, "application/json", StringComparison.OrdinalIgnoreCase))
            {
                return await ReadJsonAsync(request, maxFields, maxLength, context.RequestAborted);
            }
        }
        catch (BadHttpRequestException ex)
        {
            return Fail(ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? ex.StatusCode : StatusCodes.Status400BadRequest);
        }
        catch (InvalidDataException)
        {
            return Fail(StatusCodes.Status400BadRequest);
        }
        catch (JsonException)
        {
            return Fail(StatusCodes.Status400BadRequest);
        }
        catch (IOException)
        {
            return Fail(StatusCodes.Status400BadRequest);
        }

        return Fail(StatusCodes.Status415UnsupportedMediaType);
    }

    private static async Task<Result> ReadFormAsync(HttpContext context, long maxBody, int maxFields, int maxLength)
    {
        var options = new FormOptions
        {
            BufferBody = false,
            ValueCountLimit = maxFields,
            ValueLengthLimit = maxLength,
            KeyLengthLimit = 256,
            MultipartBodyLengthLimit = maxBody,
            MultipartHeadersCountLimit = 8,
            MultipartHeadersLengthLimit = 4096,
            MultipartBoundaryLengthLimit = 128,
        };
        context.Features.Set<IFormFeature>(new FormFeature(context.Request, options));
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        if (form.Files.Count > 0)
        {
            return Fail(StatusCodes.Status400BadRequest);
        }

        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var (key, values) in form)
        {
            foreach (var value in values)
            {
                pairs.Add(new(key, value));
            }
        }

        return pairs.Count > maxFields ? Fail(StatusCodes.Status400BadRequest) : new(pairs, 0, false);
    }

    private static async Task<Result> ReadJsonAsync(HttpRequest request, int maxFields, int maxLength, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = 3 }, cancellationToken);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return Fail(StatusCodes.Status400BadRequest);
        }

        var pairs = new List<KeyValuePair<string, string?>>();
        // A name given twice makes the body ambiguous ({"consent.x": false, "consent.x": true}: which one did the person
        // send?), so it is refused rather than read one way or the other. Names that differ only in case count as the
        // same: ASP.NET Core's own JSON binding (JsonSerializerDefaults.Web) reads them as one, and a host reading the
        // same body must not see another submission than the one stored. Several values go in an array.
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            if (!names.Add(property.Name))
            {
                return Fail(StatusCodes.Status400BadRequest);
            }

            var items = property.Value.ValueKind == JsonValueKind.Array ? [.. property.Value.EnumerateArray()] : new[] { property.Value };
            foreach (var item in items)
            {
                string? value = item.ValueKind switch
                {
                    JsonValueKind.String => item.GetString(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Number => item.GetRawText(),
                    JsonValueKind.Null => null,
                    _ => throw new JsonException("Only flat values are accepted."),
                };
                if (property.Name.Length > 256 || value?.Length > maxLength || pairs.Count >= maxFields)
                {
                    return Fail(StatusCodes.Status400BadRequest);
                }

                pairs.Add(new(property.Name, value));
            }
        }

        return new(pairs, 0, true);
    }

    private static Result Fail(int status) => new([], status, false);
}
