using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Abuse;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>The POST side.</summary>
internal sealed partial class FormPostHandler
{
    public async Task PostAsync(HttpContext context, string formId)
    {
        var catalog = Catalog;
        var web = Options;
        var json = WantsJson(context);
        if (catalog.FindForm(formId) is not { } form)
        {
            await NotFoundAsync(context, catalog, CultureResolver.Resolve(context, catalog));
            return;
        }

        var body = await PostedBody.ReadAsync(context, web.MaxRequestBodySize, web.MaxFieldCount, web.MaxFieldLength, allowJson: true);
        if (!body.Ok)
        {
            Log.Refused(logger, form.Id, "limits or media type");
            await RefuseAsync(context, catalog, body.Status, json);
            return;
        }

        if (!form.Steps.IsDefaultOrEmpty && !body.IsJson)
        {
            // A multi-step form posted from its pages; a JSON body (a program) sends every field at once, as below.
            await PostStepAsync(context, catalog, form, body.Pairs);
            return;
        }

        // A JSON body cannot be sent across sites without a CORS preflight, so it needs no antiforgery token (SEC-1);
        // HTML posts (urlencoded, multipart) always do, whatever their Accept header says.
        var pairs = body.Pairs;
        if (!body.IsJson && !await antiforgery.IsRequestValidAsync(context))
        {
            // Nothing is stored. A person whose page outlived its cookie gets the form back to send again.
            Log.Refused(logger, form.Id, "antiforgery");
            await (json
                ? RefuseAsync(context, catalog, StatusCodes.Status400BadRequest, json)
                : ShowAgainAsync(context, catalog, form, pairs, StatusCodes.Status400BadRequest, []));
            return;
        }

        var posted = pairs.Where(p => !IsInfrastructure(p.Key)).ToList();
        var culture = CultureResolver.Resolve(context, catalog, Single(pairs, CultureField));
        var ip = clientIp.Resolve(context);
        var target = SuccessTarget(form, culture, Single(pairs, ReturnField));
        var pace = fillTime.Check(form.Id, Single(pairs, FillTimeGuard.FieldName));
        if (pace == FillTimeVerdict.Expired && !json)
        {
            Log.Refused(logger, form.Id, "expired page");
            await ShowAgainAsync(context, catalog, form, pairs, StatusCodes.Status400BadRequest, []);
            return;
        }

        if (pairs.Any(p => p.Key == web.Abuse.Honeypot && !string.IsNullOrEmpty(p.Value)) || pace != FillTimeVerdict.Human)
        {
            // ABU-2: a bot learns nothing from the answer; nothing is stored or sent.
            Log.Dropped(logger, form.Id, "honeypot or fill time");
            await SucceedAsync(context, target, json);
            return;
        }

        // Counted once the post passed the honeypot and the fill time: a bot they drop (from any number of addresses)
        // uses up no one's budget, and cannot lock the form for everyone by exhausting its per-form limit (ABU-1).
        switch (await limiter.AcquireAsync(form.Id, ip?.ToString(), Single(pairs, form.EmailField.Name), context.RequestAborted))
        {
            case RateLimitVerdict.Refused:
                Log.Refused(logger, form.Id, "rate limit");
                context.Response.Headers.RetryAfter = "60";
                await RefuseAsync(context, catalog, StatusCodes.Status429TooManyRequests, json);
                return;
            case RateLimitVerdict.SilentlyDropped:
                Log.Dropped(logger, form.Id, "address rate limit");
                await SucceedAsync(context, target, json);
                return;
        }

        if (form.Challenge && await challenges.VerifyAsync(form.Id, Single(pairs, ChallengeGuard.FieldName), context.RequestAborted)
            is var verdict and not ChallengeVerdict.Solved)
        {
            // Nothing is stored. The form comes back with a fresh challenge and a plain reason (JavaScript off, expired).
            var (code, text, reason) = ChallengeGuard.Describe(verdict);
            Log.Refused(logger, form.Id, reason);
            await (json
                ? Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: WebTexts.Get(culture, text), type: code).ExecuteAsync(context)
                : ShowAgainAsync(context, catalog, form, pairs, StatusCodes.Status400BadRequest, [], text));
            return;
        }

        var source = Single(pairs, SourceField);
        var request = new SubmissionRequest(form.Id, posted, new SubmissionContext(culture, SourceUrl(context, catalog, source),
            ip?.ToString(), context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null)
        {
            // A JSON body comes from a program, not from the form this library rendered: no "as shown" claim (EVD-1).
            Method = body.IsJson ? Consent.ConsentMethod.Api : Consent.ConsentMethod.Form,
            Attribution = Attribution(context, form.Id, pairs),
        });
        var result = await pipeline.SubmitAsync(request, context.RequestAborted);
        if (result.Succeeded)
        {
            await SucceedAsync(context, target, json);
        }
        else if (result.Code == SubmissionCodes.UnknownForm)
        {
            await NotFoundAsync(context, catalog, culture);
        }
        else if (json)
        {
            var errors = result.Errors.GroupBy(e => e.Field)
                .ToDictionary(g => g.Key, g => g.Select(e => FormRenderer.Describe(culture, e, form)).ToArray(), StringComparer.Ordinal);
            var extensions = new Dictionary<string, object?>
            {
                ["codes"] = result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Code).ToArray()),
            };
            await Results.ValidationProblem(errors, extensions: extensions).ExecuteAsync(context);
        }
        else
        {
            await ShowAgainAsync(context, catalog, form, pairs, StatusCodes.Status400BadRequest, result.Errors);
        }
    }

    /// <summary>Shows the form again with what was typed (never the consents, CONS-1) and fresh tokens.</summary>
    private async Task ShowAgainAsync(HttpContext context, FormCatalog catalog, FormDefinition form,
        IReadOnlyList<KeyValuePair<string, string?>> pairs, int status, IReadOnlyList<FieldError> errors, string noticeKey = "Expired")
    {
        var culture = CultureResolver.Resolve(context, catalog, Single(pairs, CultureField));
        // A checkbox group or multi-select shows again every value sent, one per line as it would be stored.
        var values = pairs.Where(p => form.FindField(p.Key) is { } f && f.Kind != FieldKind.Hidden && p.Value is not null)
            .GroupBy(p => p.Key).ToDictionary(g => g.Key,
                g => form.FindField(g.Key)!.IsMultiValued ? string.Join(FieldDefinition.ValueSeparator, g.Select(p => p.Value)) : g.First().Value!,
                StringComparer.Ordinal);
        var notice = errors.Count == 0 ? WebTexts.Get(culture, noticeKey) : null;
        var html = await RenderFormAsync(context, form, culture, Single(pairs, SourceField), Single(pairs, ReturnField), values, errors, notice: notice,
            attribution: Attribution(context, form.Id, pairs));
        var title = form.Title.Get(culture, catalog.DefaultCulture) ?? form.Id;
        await PageRenderer.WriteAsync(context, status, pages.Render(context, catalog, culture, title, html));
    }

    private string SuccessTarget(FormDefinition form, string culture, string? requested)
    {
        var fallback = form.SuccessPage is { } page && RedirectGuard.IsLocal(page)
            ? page
            : Prefix + "/thanks?" + CultureResolver.QueryKey + "=" + Uri.EscapeDataString(culture);
        return RedirectGuard.Choose(requested, fallback, Options.AllowedRedirectHosts);
    }

    private static Task SucceedAsync(HttpContext context, string target, bool json)
    {
        if (json)
        {
            return Results.Json(new { accepted = true }, statusCode: StatusCodes.Status202Accepted).ExecuteAsync(context);
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = target;
        context.Response.Headers.CacheControl = "no-store";
        return Task.CompletedTask;
    }

    private Task RefuseAsync(HttpContext context, FormCatalog catalog, int status, bool json)
    {
        if (json)
        {
            return Results.Problem(statusCode: status).ExecuteAsync(context);
        }

        var culture = CultureResolver.Resolve(context, catalog);
        var (title, text) = status switch
        {
            StatusCodes.Status429TooManyRequests => ("TooManyTitle", "TooManyBody"),
            _ => ("BadRequestTitle", "BadRequestBody"),
        };
        return MessageAsync(context, catalog, culture, status, title, text);
    }

    private static string? SourceUrl(HttpContext context, FormCatalog catalog, string? source)
    {
        if (!RedirectGuard.IsLocal(source))
        {
            return null;
        }

        var origin = catalog.BaseUrl?.GetLeftPart(UriPartial.Authority)
            ?? context.Request.Scheme + "://" + context.Request.Host.ToUriComponent();
        return origin + source;
    }

    /// <summary>The attribution the post carries, signed by the page that showed the form; none when absent, forged or for another form.</summary>
    private static SubmissionAttribution? Attribution(HttpContext context, string formId, IReadOnlyList<KeyValuePair<string, string?>> pairs) =>
        context.RequestServices.GetService<AttributionCarrier>()?.Read(formId, Single(pairs, AttributionCarrier.FieldName));

    private bool IsInfrastructure(string key) =>
        key.StartsWith("__", StringComparison.Ordinal) || string.Equals(key, Options.Abuse.Honeypot, StringComparison.Ordinal);

    private static string? Single(IReadOnlyList<KeyValuePair<string, string?>> pairs, string key)
    {
        string? found = null;
        var count = 0;
        foreach (var pair in pairs)
        {
            if (string.Equals(pair.Key, key, StringComparison.Ordinal))
            {
                found = pair.Value;
                count++;
            }
        }

        return count == 1 ? found : null;
    }
}
