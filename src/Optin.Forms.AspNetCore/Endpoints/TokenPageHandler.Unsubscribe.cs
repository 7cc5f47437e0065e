using Microsoft.AspNetCore.Http;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.DoubleOptin;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>The unsubscribe page: no login, no typed address, no reason (WD-5); RFC 8058 one-click (WD-2).</summary>
internal sealed partial class TokenPageHandler
{
    public async Task ShowUnsubscribeAsync(HttpContext context, string token)
    {
        var (catalog, culture) = Page(context);
        if (Service(context) is not { } service)
        {
            await UnavailableAsync(context, catalog, culture);
            return;
        }

        if (!LooksLikeToken(token) || await service.InspectAsync(token, TokenKind.Unsubscribe, context.RequestAborted) != TokenStatus.Valid)
        {
            await InvalidAsync(context, catalog, culture);
            return;
        }

        var tokens = antiforgery.GetAndStoreTokens(context);
        var action = Html.Encode(context.Request.Path.Value + context.Request.QueryString.Value);
        var body = "<p>" + Html.Encode(WebTexts.Get(culture, "UnsubscribeBody")) + "</p>\n"
            + "<form method=\"post\" action=\"" + action + "\" class=\"optin-unsubscribe\">\n"
            + "<input type=\"hidden\" name=\"" + Html.Encode(tokens.FormFieldName) + "\" value=\"" + Html.Encode(tokens.RequestToken) + "\">\n"
            + "<button type=\"submit\" class=\"optin-button\">" + Html.Encode(WebTexts.Get(culture, "UnsubscribeButton")) + "</button>\n</form>\n";
        await PageRenderer.WriteAsync(context, StatusCodes.Status200OK,
            pages.Render(context, catalog, culture, WebTexts.Get(culture, "UnsubscribeTitle"), body));
    }

    /// <summary>
    /// Withdraws, for one of two bodies only: RFC 8058's <c>List-Unsubscribe=One-Click</c> (urlencoded or multipart),
    /// which mail clients post without cookies and so without an antiforgery token, or the page's own button with its
    /// antiforgery token. Anything else (no body, another value or the pair twice, JSON, other fields only) is 400 and
    /// changes nothing (WD-2, WD-3): a link scanner or a cross-site form cannot withdraw someone. The answer is 200 and
    /// never a redirect.
    /// </summary>
    public async Task PostUnsubscribeAsync(HttpContext context, string token)
    {
        var (catalog, culture) = Page(context);
        if (Service(context) is not { } service)
        {
            await UnavailableAsync(context, catalog, culture);
            return;
        }

        var body = await PostedBody.ReadAsync(context, 16 * 1024, 8, 2048, allowJson: false);
        if (!body.Ok || (!IsOneClick(body.Pairs) && !await antiforgery.IsRequestValidAsync(context)))
        {
            Log.Refused(logger, "unsubscribe");
            var status = body.Status == StatusCodes.Status413PayloadTooLarge ? body.Status : StatusCodes.Status400BadRequest;
            await MessageAsync(context, catalog, culture, status, "BadRequestTitle", "BadRequestBody");
            return;
        }

        if (!LooksLikeToken(token) || await service.UnsubscribeAsync(token, Context(context, culture), context.RequestAborted) != TokenStatus.Valid)
        {
            await InvalidAsync(context, catalog, culture);
            return;
        }

        await MessageAsync(context, catalog, culture, StatusCodes.Status200OK, "UnsubscribedTitle", "UnsubscribedBody");
    }

    /// <summary>RFC 8058 §3.1: the body holds <c>List-Unsubscribe=One-Click</c>, once.</summary>
    private static bool IsOneClick(IReadOnlyList<KeyValuePair<string, string?>> pairs)
    {
        var found = 0;
        foreach (var (key, value) in pairs)
        {
            if (string.Equals(key, "List-Unsubscribe", StringComparison.Ordinal))
            {
                found = string.Equals(value, "One-Click", StringComparison.Ordinal) ? found + 1 : 2;
            }
        }

        return found == 1;
    }
}
