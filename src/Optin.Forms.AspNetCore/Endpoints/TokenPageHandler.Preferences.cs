using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Preferences;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>
/// The preference page (#20): what the person consented to, with the texts the ledger recorded, and a way to withdraw
/// one purpose, all, or object to direct marketing. Nothing on it gives consent. GET and HEAD only look; each POST carries
/// the page's antiforgery token, and answers with the page in its new state.
/// </summary>
internal sealed partial class TokenPageHandler
{
    public const string PurposeField = "purpose";
    public const string WithdrawIntent = "withdraw";
    public const string WithdrawAllIntent = "withdraw-all";
    public const string ObjectIntent = "object";

    public async Task ShowPreferencesAsync(HttpContext context, string token)
    {
        var catalog = catalogs.Current;
        if (PreferenceService(context) is not { } service)
        {
            await UnavailableAsync(context, catalog, CultureResolver.Resolve(context, catalog));
            return;
        }

        if (!LooksLikeToken(token) || await service.FindAsync(token, context.RequestAborted) is not { } page)
        {
            await InvalidAsync(context, catalog, CultureResolver.Resolve(context, catalog));
            return;
        }

        await WritePreferencesAsync(context, catalog, page, saved: false);
    }

    public async Task PostPreferencesAsync(HttpContext context, string token)
    {
        var (catalog, culture) = Page(context);
        if (PreferenceService(context) is not { } service)
        {
            await UnavailableAsync(context, catalog, culture);
            return;
        }

        var body = await PostedBody.ReadAsync(context, 16 * 1024, 8, 2048, allowJson: false);
        var change = body.Ok ? ChangeOf(body.Pairs) : null;
        if (!body.Ok || change is null || !await antiforgery.IsRequestValidAsync(context))
        {
            Log.Refused(logger, "preferences");
            var status = body.Status == StatusCodes.Status413PayloadTooLarge ? body.Status : StatusCodes.Status400BadRequest;
            await MessageAsync(context, catalog, culture, status, "BadRequestTitle", "BadRequestBody");
            return;
        }

        if (!LooksLikeToken(token)
            || await service.ChangeAsync(token, change, Context(context, culture), context.RequestAborted) != TokenStatus.Valid
            || await service.FindAsync(token, context.RequestAborted) is not { } page)
        {
            await InvalidAsync(context, catalog, culture);
            return;
        }

        await WritePreferencesAsync(context, catalog, page, saved: true);
    }

    /// <summary>One intent, once; a withdrawal names one purpose. Anything else is refused (400) and changes nothing.</summary>
    private static PreferenceChange? ChangeOf(IReadOnlyList<KeyValuePair<string, string?>> pairs)
    {
        var intents = pairs.Where(p => p.Key == IntentField).Select(p => p.Value).ToList();
        var purposes = pairs.Where(p => p.Key == PurposeField).Select(p => p.Value).ToList();
        if (intents.Count != 1 || purposes.Count > 1)
        {
            return null;
        }

        return intents[0] switch
        {
            WithdrawIntent when purposes is [{ Length: > 0 and <= 100 } purpose] => new PreferenceChange(PreferenceAction.Withdraw, purpose),
            WithdrawAllIntent when purposes.Count == 0 => new PreferenceChange(PreferenceAction.WithdrawAll),
            ObjectIntent when purposes.Count == 0 => new PreferenceChange(PreferenceAction.ObjectToMarketing),
            _ => null,
        };
    }

    private Task WritePreferencesAsync(HttpContext context, FormCatalog catalog, PreferencePage page, bool saved)
    {
        // The culture asked for in the address, else that of the email that carried the link, else the browser's.
        var culture = CultureResolver.Resolve(context, catalog,
            string.IsNullOrEmpty(context.Request.Query[CultureResolver.QueryKey].ToString()) ? page.Culture : null);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var action = Html.Encode(context.Request.Path.Value + context.Request.QueryString.Value);
        var hidden = "<input type=\"hidden\" name=\"" + Html.Encode(tokens.FormFieldName) + "\" value=\"" + Html.Encode(tokens.RequestToken) + "\">\n";
        string T(string key) => Html.Encode(WebTexts.Get(culture, key));
        string Form(string css, string intent, string? purpose, string button, string? describedBy = null) =>
            "<form method=\"post\" action=\"" + action + "\" class=\"" + css + "\">\n" + hidden
            + "<input type=\"hidden\" name=\"" + IntentField + "\" value=\"" + intent + "\">\n"
            + (purpose is null ? string.Empty : "<input type=\"hidden\" name=\"" + PurposeField + "\" value=\"" + Html.Encode(purpose) + "\">\n")
            + "<button type=\"submit\" class=\"optin-button optin-button-secondary\""
            + (describedBy is null ? string.Empty : " aria-describedby=\"" + describedBy + "\"") + ">" + button + "</button>\n</form>\n";

        var html = new StringBuilder("<div class=\"optin-preferences-page\">\n");
        if (saved)
        {
            html.Append("<p class=\"optin-notice\" role=\"status\">").Append(T("PreferencesSaved")).Append("</p>\n");
        }

        html.Append("<p class=\"optin-preferences-address\">").Append(T("PreferencesAddress")).Append(" <strong>")
            .Append(Html.Encode(page.MaskedEmail)).Append("</strong></p>\n")
            .Append("<h2>").Append(T("PreferencesHeld")).Append("</h2>\n");
        if (page.Purposes.Count == 0)
        {
            html.Append("<p class=\"optin-preferences-none\">").Append(T("PreferencesNone")).Append("</p>\n");
        }
        else
        {
            var format = CultureInfo.GetCultureInfo(culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr-FR" : "en-GB");
            html.Append("<ul class=\"optin-preferences\">\n");
            for (var i = 0; i < page.Purposes.Count; i++)
            {
                var purpose = page.Purposes[i];
                var id = "optin-held-" + i.ToString(CultureInfo.InvariantCulture);
                var date = purpose.GivenAt.InUtc().Date;
                html.Append("<li data-purpose=\"").Append(Html.Encode(purpose.PurposeId)).Append("\">\n<p class=\"optin-preferences-consent\" id=\"")
                    .Append(id).Append("\"><strong>").Append(purpose.ConsentText is { } text ? Html.Encode(text) : T("PreferencesNoText"))
                    .Append("</strong></p>\n");
                if (purpose.PurposeText is { Length: > 0 } purposeText)
                {
                    html.Append("<p class=\"optin-purpose\">").Append(Html.Encode(purposeText)).Append("</p>\n");
                }

                if (purpose.Controller is { Length: > 0 } controller)
                {
                    html.Append("<p class=\"optin-purpose\">").Append(T("Controller")).Append(' ').Append(Html.Encode(controller)).Append("</p>\n");
                }

                html.Append("<p class=\"optin-preferences-date\">").Append(T("PreferencesGivenOn")).Append(" <time datetime=\"")
                    .Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append("\">")
                    .Append(Html.Encode(date.ToString("d MMMM yyyy", format))).Append("</time></p>\n")
                    .Append(Form("optin-withdraw", WithdrawIntent, purpose.PurposeId, T("PreferencesWithdraw"), id))
                    .Append("</li>\n");
            }

            html.Append("</ul>\n<p>").Append(T("PreferencesWithdrawAllBody")).Append("</p>\n")
                .Append(Form("optin-withdraw-all", WithdrawAllIntent, null, T("PreferencesWithdrawAll")));
        }

        html.Append("<h2>").Append(T("PreferencesObjectTitle")).Append("</h2>\n");
        if (page.ObjectedToMarketing)
        {
            html.Append("<p class=\"optin-preferences-objected\">").Append(T("PreferencesObjected")).Append("</p>\n");
        }
        else
        {
            html.Append("<p id=\"optin-object-body\">").Append(T("PreferencesObjectBody")).Append("</p>\n")
                .Append(Form("optin-object", ObjectIntent, null, T("PreferencesObjectButton"), "optin-object-body"));
        }

        html.Append("<p class=\"optin-hint\">").Append(T("PreferencesResubscribe")).Append("</p>\n</div>\n");
        return PageRenderer.WriteAsync(context, StatusCodes.Status200OK,
            pages.Render(context, catalog, culture, WebTexts.Get(culture, "PreferencesTitle"), html.ToString()));
    }

    private static IPreferenceService? PreferenceService(HttpContext context) => context.RequestServices.GetService<IPreferenceService>();
}
