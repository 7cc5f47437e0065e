using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MimeKit;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.Deliverability;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>
/// <c>POST {PathPrefix}/bounces</c>: one DSN or ARF report as a raw message (<c>Content-Type: message/rfc822</c>),
/// authenticated by <c>Authorization: Bearer {OptinForms:Deliverability:ReportSecret}</c>, compared in constant time.
/// </summary>
/// <remarks>
/// Answers: 200 with <c>{"status":"applied"}</c> or <c>{"status":"ignored","reason":…}</c>; 401 for a missing or wrong
/// secret; 413 past <c>MaxReportSize</c>; 415 for another content type; 422 with the reason for a message that is not a
/// report we can read (nothing changed). A mail server's pipe (for example a Postfix transport that runs curl) posts each
/// report as it arrives. Logs never hold an address (SEC-8).
/// </remarks>
internal sealed partial class BounceEndpoint(IDeliveryReportProcessor processor, IOptions<OptinFormsWebOptions> options, ILogger<BounceEndpoint> logger)
{
    public async Task PostAsync(HttpContext context)
    {
        var settings = options.Value.Deliverability;
        if (!Authorized(context.Request, settings.ReportSecret))
        {
            Log.Unauthorized(logger);
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A valid report secret is required.").ExecuteAsync(context);
            return;
        }

        var request = context.Request;
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !string.Equals(type.MediaType.Value, "message/rfc822", StringComparison.OrdinalIgnoreCase))
        {
            await Problem(context, StatusCodes.Status415UnsupportedMediaType, "The report must be posted as message/rfc822.");
            return;
        }

        if (request.ContentLength > settings.MaxReportSize)
        {
            await Problem(context, StatusCodes.Status413PayloadTooLarge, $"The report is larger than {settings.MaxReportSize} bytes.");
            return;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = settings.MaxReportSize;
        }

        // Read whole (within the limit) before parsing: MimeKit then never waits on the network mid-parse.
        using var buffer = new MemoryStream();
        try
        {
            await new LengthLimitedStream(request.Body, settings.MaxReportSize).CopyToAsync(buffer, context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            await Problem(context, StatusCodes.Status413PayloadTooLarge, $"The report is larger than {settings.MaxReportSize} bytes.");
            return;
        }

        buffer.Position = 0;
        MimeMessage message;
        try
        {
            message = await MimeMessage.LoadAsync(buffer, context.RequestAborted);
        }
        catch (FormatException)
        {
            await Refused(context, "Not a MIME message.");
            return;
        }

        using (message)
        {
            var outcome = await processor.ApplyAsync(message, context.RequestAborted);
            if (outcome.Status == DeliveryReportStatus.Refused)
            {
                await Refused(context, outcome.Reason ?? "Not a delivery report.");
                return;
            }

            await Results.Json(new { status = outcome.Status == DeliveryReportStatus.Applied ? "applied" : "ignored", reason = outcome.Reason })
                .ExecuteAsync(context);
        }
    }

    /// <summary>Compares the bearer token with the secret in constant time (over their SHA-256, so the length leaks nothing either).</summary>
    private static bool Authorized(HttpRequest request, string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret) || request.Headers.Authorization.ToString() is not { } header
            || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var given = SHA256.HashData(Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim()));
        var expected = SHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim()));
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private Task Refused(HttpContext context, string reason)
    {
        Log.Refused(logger, reason);
        return Problem(context, StatusCodes.Status422UnprocessableEntity, reason);
    }

    private static Task Problem(HttpContext context, int status, string detail) =>
        Results.Problem(statusCode: status, title: "The report was not accepted.", detail: detail).ExecuteAsync(context);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4500, Level = LogLevel.Warning, Message = "A bounce report was posted without a valid secret")]
        public static partial void Unauthorized(ILogger logger);

        [LoggerMessage(EventId = 4501, Level = LogLevel.Information, Message = "A posted bounce report was refused: {Reason}")]
        public static partial void Refused(ILogger logger, string reason);
    }
}
