using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MimeKit;

namespace LandingPage;

/// <summary>
/// Development only: lists the emails the pickup-directory sender wrote, with their links, so that a newcomer can
/// click through the whole flow (sign up, confirm, unsubscribe) without a mail server.
/// </summary>
internal static partial class OutboxPage
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/dev/outbox", async (IConfiguration configuration, IWebHostEnvironment environment, CancellationToken cancellationToken) =>
        {
            var directory = configuration["OptinForms:Mail:Pickup:Directory"] ?? "App_Data/mail";
            var root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, directory));
            var html = new StringBuilder();
            html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .Append("<title>Outbox (development)</title><link rel=\"stylesheet\" href=\"/optin/assets/optin.css\"></head>\n<body><main class=\"optin-page\">")
                .Append("<h1>Outbox (development)</h1>\n<p>Emails written to <code>").Append(WebUtility.HtmlEncode(root)).Append("</code>, newest first.</p>\n");
            var files = Directory.Exists(root)
                ? new DirectoryInfo(root).EnumerateFiles("*.eml", SearchOption.AllDirectories).OrderByDescending(f => f.LastWriteTimeUtc).Take(50).ToList()
                : [];
            if (files.Count == 0)
            {
                html.Append("<p>No email yet. Fill the form on <a href=\"/salon\">/salon</a>.</p>\n");
            }

            foreach (var file in files)
            {
                var message = await MimeMessage.LoadAsync(file.FullName, cancellationToken);
                html.Append("<article class=\"optin-form\" style=\"margin-bottom:1rem\"><h2 class=\"optin-form-title\">")
                    .Append(WebUtility.HtmlEncode(message.Subject)).Append("</h2>\n<p>To: ").Append(WebUtility.HtmlEncode(message.To.ToString()))
                    .Append("<br>Date: ").Append(WebUtility.HtmlEncode(message.Date.ToString("u", System.Globalization.CultureInfo.InvariantCulture)))
                    .Append("</p>\n<ul>\n");
                var text = message.TextBody ?? message.HtmlBody ?? string.Empty;
                foreach (var link in LinkPattern().Matches(text).Select(m => m.Value).Distinct())
                {
                    var encoded = WebUtility.HtmlEncode(link);
                    html.Append("<li><a href=\"").Append(encoded).Append("\">").Append(encoded).Append("</a></li>\n");
                }

                html.Append("</ul></article>\n");
            }

            html.Append("</main></body></html>\n");
            return Results.Content(html.ToString(), "text/html; charset=utf-8");
        });
    }

    [GeneratedRegex(@"https?://[^\s""'<>]+")]
    private static partial Regex LinkPattern();
}
