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

        var action = Html.Encode(context.Request.Path.Value + context.Request.QueryString.Value);
        var body = "<p>" + Html.Encode(WebTexts.Get(culture, "UnsubscribeBody")) + "</p>\n"
            + "<form method=\"post\" action=\"" + action + "\" class=\"optin-unsubscribe\">\n"
            + "<button type=\"submit\" class=\"optin-button\">" + Html.Encode(WebTexts.Get(culture, "UnsubscribeButton")) + "</button>\n</form>\n";
        await PageRenderer.WriteAsync(context, StatusCodes.Status200OK,
            pages.Render(context, catalog, culture, WebTexts.Get(culture, "UnsubscribeTitle"), body));
    }

    /// <summary>
    /// Withdraws. Mail clients post <c>List-Unsubscribe=One-Click</c> without cookies, so there is no antiforgery
    /// check here; the answer is 200 and never a redirect (RFC 8058).
    /// </summary>
    public async Task PostUnsubscribeAsync(HttpContext context, string token)
    {
        var (catalog, culture) = Page(context);
        if (Service(context) is not { } service)
        {
            await UnavailableAsync(context, catalog, culture);
            return;
        }

        if (context.Request.ContentLength is > 0 || context.Request.ContentType is not null)
        {
            var body = await PostedBody.ReadAsync(context, 16 * 1024, 8, 2048, allowJson: false);
            if (!body.Ok)
            {
                Log.Refused(logger, "unsubscribe");
                await MessageAsync(context, catalog, culture, body.Status, "BadRequestTitle", "BadRequestBody");
                return;
            }
        }

        if (!LooksLikeToken(token) || await service.UnsubscribeAsync(token, Context(context, culture), context.RequestAborted) != TokenStatus.Valid)
        {
            await InvalidAsync(context, catalog, culture);
            return;
        }

        await MessageAsync(context, catalog, culture, StatusCodes.Status200OK, "UnsubscribedTitle", "UnsubscribedBody");
    }
}
