using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>
/// The confirmation and unsubscribe pages. GET and HEAD only look (DOI-2, WD-3); POST acts. Every answer carries the
/// SEC-9 headers, and unknown, used and expired tokens get one generic page (ABU-3, WD-7).
/// </summary>
internal sealed partial class TokenPageHandler(
    IFormCatalogProvider catalogs,
    IAntiforgery antiforgery,
    ClientIpResolver clientIp,
    PageRenderer pages,
    IOptionsMonitor<OptinFormsWebOptions> options,
    ILogger<TokenPageHandler> logger)
{
    public const string IntentField = "intent";
    public const string RejectIntent = "reject";

    private string Prefix => options.CurrentValue.PathPrefix.TrimEnd('/');

    public async Task ShowConfirmAsync(HttpContext context, string token)
    {
        var (catalog, culture) = Page(context);
        if (Service(context) is not { } service)
        {
            await UnavailableAsync(context, catalog, culture);
            return;
        }

        if (!LooksLikeToken(token) || await service.InspectAsync(token, TokenKind.Confirm, context.RequestAborted) != TokenStatus.Valid)
        {
            await InvalidAsync(context, catalog, culture);
            return;
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        var action = Html.Encode(context.Request.Path.Value + context.Request.QueryString.Value);
        var hidden = "<input type=\"hidden\" name=\"" + Html.Encode(tokens.FormFieldName) + "\" value=\"" + Html.Encode(tokens.RequestToken) + "\">\n";
        var autoSubmit = options.CurrentValue.ConfirmationMode == ConfirmationMode.AutoSubmit;
        var confirmed = await WhatIsConfirmedAsync(service, token, catalog, culture, context.RequestAborted);
        var body = new StringBuilder()
            .Append("<p>").Append(Html.Encode(WebTexts.Get(culture, confirmed.Length > 0 ? "ConfirmPurposesBody" : "ConfirmBody"))).Append("</p>\n")
            .Append(confirmed)
            .Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"optin-confirm\" id=\"optin-confirm\"")
            .Append(autoSubmit ? " data-optin-autosubmit=\"true\"" : string.Empty).Append(">\n").Append(hidden)
            .Append("<button type=\"submit\" class=\"optin-button\">").Append(Html.Encode(WebTexts.Get(culture, "ConfirmButton")))
            .Append("</button>\n</form>\n")
            .Append("<form method=\"post\" action=\"").Append(action).Append("\" class=\"optin-reject\">\n").Append(hidden)
            .Append("<input type=\"hidden\" name=\"").Append(IntentField).Append("\" value=\"").Append(RejectIntent).Append("\">\n")
            .Append("<p>").Append(Html.Encode(WebTexts.Get(culture, "RejectBody"))).Append("</p>\n")
            .Append("<button type=\"submit\" class=\"optin-button optin-button-secondary\">")
            .Append(Html.Encode(WebTexts.Get(culture, "RejectButton"))).Append("</button>\n</form>\n");
        var scripts = autoSubmit ? new[] { Prefix + "/assets/autosubmit.js" } : [];
        await PageRenderer.WriteAsync(context, StatusCodes.Status200OK,
            pages.Render(context, catalog, culture, WebTexts.Get(culture, "ConfirmTitle"), body.ToString(), scripts));
    }

    /// <summary>
    /// The controller and every purpose the person is about to confirm (#15 item C, #18): each with the consent text the
    /// box carried and its purpose text, so that they press the button knowing to whom and for what, as the email told them.
    /// </summary>
    private static async Task<string> WhatIsConfirmedAsync(IDoubleOptinService service, string token, FormCatalog catalog, string culture,
        CancellationToken cancellationToken)
    {
        var purposes = (await service.FindPurposesAsync(token, TokenKind.Confirm, cancellationToken) ?? [])
            .Select(catalog.FindPurpose).OfType<PurposeDefinition>().ToList();
        if (purposes.Count == 0)
        {
            return string.Empty;
        }

        var html = new StringBuilder("<div class=\"optin-confirm-purpose\">");
        var controllers = purposes.Select(p => p.Controller ?? catalog.DataProtection.Controller).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (controllers.Count > 0)
        {
            html.Append("<p>").Append(Html.Encode(WebTexts.Get(culture, "Controller"))).Append(' ').Append(Html.Encode(string.Join(" / ", controllers)))
                .Append("</p>");
        }

        html.Append("<ul class=\"optin-confirm-purposes\">");
        foreach (var purpose in purposes)
        {
            var text = purpose.GetText(culture, catalog.DefaultCulture);
            html.Append("<li data-purpose=\"").Append(Html.Encode(purpose.Id)).Append("\"><p class=\"optin-confirm-consent\"><strong>")
                .Append(Html.Encode(text.Consent)).Append("</strong></p><p>").Append(Html.Encode(text.Purpose)).Append("</p></li>");
        }

        return html.Append("</ul></div>\n").ToString();
    }

    public async Task PostConfirmAsync(HttpContext context, string token)
    {
        var (catalog, culture) = Page(context);
        if (Service(context) is not { } service)
        {
            await UnavailableAsync(context, catalog, culture);
            return;
        }

        var body = await PostedBody.ReadAsync(context, 16 * 1024, 8, 2048, allowJson: false);
        if (!body.Ok || !await antiforgery.IsRequestValidAsync(context))
        {
            Log.Refused(logger, "confirm");
            await MessageAsync(context, catalog, culture, body.Ok ? StatusCodes.Status400BadRequest : body.Status, "BadRequestTitle", "BadRequestBody");
            return;
        }

        if (!LooksLikeToken(token))
        {
            await InvalidAsync(context, catalog, culture);
            return;
        }

        var submission = Context(context, culture);
        var reject = body.Pairs.Any(p => p.Key == IntentField && p.Value == RejectIntent);
        var status = reject
            ? await service.RejectAsync(token, submission, context.RequestAborted)
            : await service.ConfirmAsync(token, submission, context.RequestAborted);
        if (status != TokenStatus.Valid)
        {
            await InvalidAsync(context, catalog, culture);
        }
        else if (reject)
        {
            await MessageAsync(context, catalog, culture, StatusCodes.Status200OK, "RejectedTitle", "RejectedBody");
        }
        else
        {
            var fallback = Prefix + "/confirmed?" + CultureResolver.QueryKey + "=" + Uri.EscapeDataString(culture);
            context.Response.StatusCode = StatusCodes.Status303SeeOther;
            context.Response.Headers.Location = RedirectGuard.Choose(options.CurrentValue.ConfirmedPage, fallback, options.CurrentValue.AllowedRedirectHosts);
            SecurityHeaders.Apply(context.Response);
        }
    }

    public Task ShowConfirmedAsync(HttpContext context)
    {
        var (catalog, culture) = Page(context);
        return MessageAsync(context, catalog, culture, StatusCodes.Status200OK, "ConfirmedTitle", "ConfirmedBody");
    }

    private (FormCatalog Catalog, string Culture) Page(HttpContext context)
    {
        var catalog = catalogs.Current;
        return (catalog, CultureResolver.Resolve(context, catalog));
    }

    private SubmissionContext Context(HttpContext context, string culture) =>
        new(culture, null, clientIp.Resolve(context)?.ToString(),
            context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null);

    private static IDoubleOptinService? Service(HttpContext context) => context.RequestServices.GetService<IDoubleOptinService>();

    /// <summary>Tokens are base64url; anything else is refused before any lookup.</summary>
    internal static bool LooksLikeToken(string token) =>
        token.Length is >= 16 and <= 128 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private Task InvalidAsync(HttpContext context, FormCatalog catalog, string culture) =>
        MessageAsync(context, catalog, culture, StatusCodes.Status404NotFound, "InvalidTitle", "InvalidBody");

    private Task UnavailableAsync(HttpContext context, FormCatalog catalog, string culture)
    {
        Log.NoService(logger);
        return MessageAsync(context, catalog, culture, StatusCodes.Status503ServiceUnavailable, "InvalidTitle", "ServiceUnavailable");
    }

    private Task MessageAsync(HttpContext context, FormCatalog catalog, string culture, int status, string titleKey, string bodyKey)
    {
        var body = "<p>" + Html.Encode(WebTexts.Get(culture, bodyKey)) + "</p>\n";
        return PageRenderer.WriteAsync(context, status, pages.Render(context, catalog, culture, WebTexts.Get(culture, titleKey), body));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4200, Level = LogLevel.Information, Message = "A {Page} post was refused (limits or antiforgery)")]
        public static partial void Refused(ILogger logger, string page);

        [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "No IDoubleOptinService is registered: confirmation and unsubscribe pages cannot work")]
        public static partial void NoService(ILogger logger);
    }
}
