using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore.Abuse;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>
/// Shows forms and takes their posts: limits (SEC-6), antiforgery (SEC-1), rate limits (ABU-1), honeypot and fill time
/// (ABU-2), the proof-of-work challenge of the forms that ask for one, the submission pipeline, then post-redirect-get to a safe target (SEC-2) or a JSON answer.
/// </summary>
internal sealed partial class FormPostHandler(
    IFormCatalogProvider catalogs,
    SubmissionPipeline pipeline,
    IAntiforgery antiforgery,
    FillTimeGuard fillTime,
    ChallengeGuard challenges,
    SubmissionRateLimiter limiter,
    ClientIpResolver clientIp,
    PageRenderer pages,
    IOptionsMonitor<OptinFormsWebOptions> options,
    ILogger<FormPostHandler> logger)
{
    public const string CultureField = "__optin_culture";
    public const string SourceField = "__optin_source";
    public const string ReturnField = "__optin_return";

    public FormCatalog Catalog => catalogs.Current;

    public OptinFormsWebOptions Options => options.CurrentValue;

    public string Prefix => options.CurrentValue.PathPrefix.TrimEnd('/');

    /// <summary>The HTML of <paramref name="form"/>, with fresh antiforgery and fill-time tokens (and challenge).</summary>
    public async Task<string> RenderFormAsync(HttpContext context, FormDefinition form, string culture, string? source, string? returnUrl,
        IReadOnlyDictionary<string, string>? values = null, IReadOnlyList<FieldError>? errors = null, string? actionBase = null,
        string? notice = null, SubmissionAttribution? attribution = null, StepPage? step = null)
    {
        step ??= form.Steps.IsDefaultOrEmpty ? null : new StepPage(form.Steps[0], []);
        var tokens = antiforgery.GetAndStoreTokens(context);
        var hidden = new List<KeyValuePair<string, string>>
        {
            new(tokens.FormFieldName, tokens.RequestToken ?? string.Empty),
            new(FillTimeGuard.FieldName, fillTime.Issue(form.Id)),
            new(CultureField, culture),
        };
        if (RedirectGuard.IsLocal(source))
        {
            hidden.Add(new(SourceField, source!));
        }

        if (attribution is not null && context.RequestServices.GetService<AttributionCarrier>() is { } carrier)
        {
            hidden.Add(new(AttributionCarrier.FieldName, carrier.Protect(form.Id, attribution)));
        }

        if (returnUrl is not null && RedirectGuard.Choose(returnUrl, string.Empty, Options.AllowedRedirectHosts) is { Length: > 0 } safe)
        {
            hidden.Add(new(ReturnField, safe));
        }

        hidden.AddRange(step?.State.Select(piece => new KeyValuePair<string, string>(FormStepState.FieldName, piece)) ?? []);

        var action = (actionBase ?? string.Empty) + Prefix + "/forms/" + Uri.EscapeDataString(form.Id);
        var challenge = form.Challenge && step is null or { Step.IsLast: true }
            ? new FormChallenge(await challenges.IssueAsync(form.Id, context.RequestAborted), (actionBase ?? string.Empty) + Prefix + "/assets/challenge.js")
            : null;
        var model = new FormRenderModel(form, Catalog, culture, action, hidden,
            values ?? new Dictionary<string, string>(), errors ?? [], notice, challenge) { Step = step?.Step, Omitted = step?.Omitted };
        return FormRenderer.Render(model, Options.Abuse.Honeypot);
    }

    public async Task ShowAsync(HttpContext context, string formId)
    {
        var catalog = Catalog;
        var culture = CultureResolver.Resolve(context, catalog);
        if (catalog.FindForm(formId) is not { } form)
        {
            await NotFoundAsync(context, catalog, culture);
            return;
        }

        var html = await RenderFormAsync(context, form, culture, context.Request.Path.Value, context.Request.Query["returnUrl"].ToString(),
            attribution: AttributionCarrier.FromRequest(context, null, null));
        ViewCounting.Count(context, form.Id, null);
        var title = form.Title.Get(culture, catalog.DefaultCulture) ?? form.Id;
        await PageRenderer.WriteAsync(context, StatusCodes.Status200OK, pages.Render(context, catalog, culture, title, html));
    }

    public async Task ShowFragmentAsync(HttpContext context, string formId)
    {
        var catalog = Catalog;
        var culture = CultureResolver.Resolve(context, catalog);
        if (catalog.FindForm(formId) is not { } form)
        {
            await NotFoundAsync(context, catalog, culture);
            return;
        }

        var origin = catalog.BaseUrl?.GetLeftPart(UriPartial.Authority);
        var html = await RenderFormAsync(context, form, culture, null, context.Request.Query["returnUrl"].ToString(), actionBase: origin,
            attribution: AttributionCarrier.FromRequest(context, null, null));
        ViewCounting.Count(context, form.Id, null);
        await PageRenderer.WriteAsync(context, StatusCodes.Status200OK, html, frameable: true);
    }

    /// <summary>
    /// A fresh challenge for a form that asks for one, as ALTCHA JSON (for programs posting JSON and for an ALTCHA
    /// widget's <c>challengeurl</c>); 404 for any other form.
    /// </summary>
    public async Task ShowChallengeAsync(HttpContext context, string formId)
    {
        var catalog = Catalog;
        if (catalog.FindForm(formId) is not { Challenge: true } form)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var challenge = await challenges.IssueAsync(form.Id, context.RequestAborted);
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(challenge, context.RequestAborted);
    }

    public Task ShowThanksAsync(HttpContext context)
    {
        var catalog = Catalog;
        var culture = CultureResolver.Resolve(context, catalog);
        var body = "<p>" + Html.Encode(WebTexts.Get(culture, "ThanksBody")) + "</p>\n";
        return PageRenderer.WriteAsync(context, StatusCodes.Status200OK,
            pages.Render(context, catalog, culture, WebTexts.Get(culture, "ThanksTitle"), body));
    }

    internal Task NotFoundAsync(HttpContext context, FormCatalog catalog, string culture)
    {
        if (WantsJson(context))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown form", type: SubmissionCodes.UnknownForm)
                .ExecuteAsync(context);
        }

        return MessageAsync(context, catalog, culture, StatusCodes.Status404NotFound, "NotFoundTitle", "NotFoundBody");
    }

    internal Task MessageAsync(HttpContext context, FormCatalog catalog, string culture, int status, string titleKey, string bodyKey)
    {
        var body = "<p>" + Html.Encode(WebTexts.Get(culture, bodyKey)) + "</p>\n";
        return PageRenderer.WriteAsync(context, status, pages.Render(context, catalog, culture, WebTexts.Get(culture, titleKey), body));
    }

    internal static bool WantsJson(HttpContext context) =>
        context.Request.Headers.Accept.ToString().Contains("json", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Form post to {FormId} refused before the pipeline: {Reason}")]
        public static partial void Refused(ILogger logger, string formId, string reason);

        [LoggerMessage(EventId = 4101, Level = LogLevel.Information, Message = "Form post to {FormId} dropped silently: {Reason}")]
        public static partial void Dropped(ILogger logger, string formId, string reason);
    }
}
