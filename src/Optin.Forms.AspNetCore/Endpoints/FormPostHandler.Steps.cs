using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Abuse;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Endpoints;

/// <summary>
/// The HTML posts of a multi-step form. Each post validates its step and shows the next one (or the previous one, for
/// the back button, without validation); the values of the steps posted so far travel in a protected state
/// (<see cref="FormStepState"/>). The last post validates every step again and runs the usual pipeline once.
/// The honeypot is checked on every post; the rate limits, the fill time (from the first step's rendering) and the
/// challenge (shown on the last step only) on the last post, where something would be stored.
/// </summary>
internal sealed partial class FormPostHandler
{
    /// <summary>A step page: the step and the state pieces its hidden fields carry.</summary>
    internal sealed record StepPage(FormStep Step, IReadOnlyList<string> State)
    {
        /// <summary>The step's fields that an earlier step's value leaves hidden: not drawn.</summary>
        public IReadOnlySet<string>? Omitted { get; init; }
    }

    private static FormStepState States(HttpContext context) => context.RequestServices.GetRequiredService<FormStepState>();

    private async Task PostStepAsync(HttpContext context, FormCatalog catalog, FormDefinition form,
        IReadOnlyList<KeyValuePair<string, string?>> pairs)
    {
        var states = States(context);
        // The landing page, variant and source the first step was shown with travel, signed, from step to step (#19).
        var attribution = Attribution(context, form.Id, pairs);
        var culture = CultureResolver.Resolve(context, catalog, Single(pairs, CultureField));
        var source = Single(pairs, SourceField);
        var returnUrl = Single(pairs, ReturnField);
        var pieces = pairs.Where(p => p.Key == FormStepState.FieldName).Select(p => p.Value).ToList();
        var verdict = states.Read(form, pieces, out var state);
        if (verdict is StepStateVerdict.Refused or StepStateVerdict.Expired)
        {
            // Nothing is stored: the visitor starts again at step 1, told why.
            Log.Refused(logger, form.Id, verdict == StepStateVerdict.Expired ? "expired step state" : "altered step state");
            await ShowStepAsync(context, catalog, form, culture, source, returnUrl, attribution, StepStateData.Start, [], StatusCodes.Status400BadRequest,
                StepTexts.Get(culture, verdict == StepStateVerdict.Expired ? "StepsExpired" : "StepsRefused"));
            return;
        }

        var step = form.Steps[state.Step];
        if (state.FillToken is null && step.Index == 0)
        {
            // The first step's rendering time is the form's: the last post checks it (ABU-2).
            state = state with { FillToken = Single(pairs, FillTimeGuard.FieldName) };
        }

        // The step's own values replace what the state held for them (a cleared field, an unticked box); values posted
        // under names of other steps are ignored.
        var values = state.Values.Where(p => !step.Holds(form, p.Key))
            .Concat(pairs.Where(p => step.Holds(form, p.Key) && p.Value is not null))
            .ToList();
        state = state with { Values = values };

        if (!await antiforgery.IsRequestValidAsync(context))
        {
            Log.Refused(logger, form.Id, "antiforgery");
            await ShowStepAsync(context, catalog, form, culture, source, returnUrl, attribution, state, [], StatusCodes.Status400BadRequest,
                WebTexts.Get(culture, "Expired"));
            return;
        }

        var target = SuccessTarget(form, culture, returnUrl);
        if (pairs.Any(p => p.Key == Options.Abuse.Honeypot && !string.IsNullOrEmpty(p.Value)))
        {
            // ABU-2: a bot learns nothing from the answer, at whichever step; nothing is stored or sent.
            Log.Dropped(logger, form.Id, "honeypot");
            await SucceedAsync(context, target, json: false);
            return;
        }

        if (pairs.Any(p => p.Key == FormStepState.BackField))
        {
            // Back: no validation, what was typed is kept (consent boxes show unticked again, CONS-1).
            await ShowStepAsync(context, catalog, form, culture, source, returnUrl, attribution, state with { Step = Math.Max(0, step.Index - 1) }, [],
                StatusCodes.Status200OK);
            return;
        }

        var errors = SubmissionPipeline.ValidateStep(form, step, values);
        if (errors.Count > 0)
        {
            await ShowStepAsync(context, catalog, form, culture, source, returnUrl, attribution, state, errors, StatusCodes.Status400BadRequest);
            return;
        }

        if (!step.IsLast)
        {
            await ShowStepAsync(context, catalog, form, culture, source, returnUrl, attribution, state with { Step = step.Index + 1 }, [],
                StatusCodes.Status200OK);
            return;
        }

        await SubmitStepsAsync(context, catalog, form, culture, source, returnUrl, attribution, state, target, Single(pairs, ChallengeGuard.FieldName));
    }

    /// <summary>The last step: rate limits, fill time, challenge, then the pipeline over every step's values.</summary>
    private async Task SubmitStepsAsync(HttpContext context, FormCatalog catalog, FormDefinition form, string culture, string? source,
        string? returnUrl, SubmissionAttribution? attribution, StepStateData state, string target, string? solution)
    {
        var values = state.Values;
        var ip = clientIp.Resolve(context);
        var email = values.Where(p => p.Key == form.EmailField.Name).Select(p => p.Value).FirstOrDefault();
        switch (await limiter.AcquireAsync(form.Id, ip?.ToString(), email, context.RequestAborted))
        {
            case RateLimitVerdict.Refused:
                Log.Refused(logger, form.Id, "rate limit");
                context.Response.Headers.RetryAfter = "60";
                await RefuseAsync(context, catalog, StatusCodes.Status429TooManyRequests, json: false);
                return;
            case RateLimitVerdict.SilentlyDropped:
                Log.Dropped(logger, form.Id, "address rate limit");
                await SucceedAsync(context, target, json: false);
                return;
        }

        switch (fillTime.Check(form.Id, state.FillToken))
        {
            case FillTimeVerdict.Expired:
                // The first page is too old: back to step 1 with what was typed, and a fresh render time.
                Log.Refused(logger, form.Id, "expired page");
                await ShowStepAsync(context, catalog, form, culture, source, returnUrl, attribution, state with { Step = 0, FillToken = null }, [],
                    StatusCodes.Status400BadRequest, WebTexts.Get(culture, "Expired"));
                return;
            case not FillTimeVerdict.Human:
                Log.Dropped(logger, form.Id, "fill time");
                await SucceedAsync(context, target, json: false);
                return;
        }

        if (form.Challenge && await challenges.VerifyAsync(form.Id, solution, context.RequestAborted) is var verdict
            and not ChallengeVerdict.Solved)
        {
            var (_, text, reason) = ChallengeGuard.Describe(verdict);
            Log.Refused(logger, form.Id, reason);
            await ShowStepAsync(context, catalog, form, culture, source, returnUrl, attribution, state, [], StatusCodes.Status400BadRequest,
                WebTexts.Get(culture, text));
            return;
        }

        var request = new SubmissionRequest(form.Id, values, new SubmissionContext(culture, SourceUrl(context, catalog, source),
            ip?.ToString(), context.Request.Headers.UserAgent.ToString() is { Length: > 0 } ua ? ua : null)
        {
            Method = Consent.ConsentMethod.Form,
            Attribution = attribution,
        });
        var result = await pipeline.SubmitAsync(request, context.RequestAborted);
        if (result.Succeeded)
        {
            await SucceedAsync(context, target, json: false);
        }
        else if (result.Code == SubmissionCodes.UnknownForm)
        {
            await NotFoundAsync(context, catalog, culture);
        }
        else
        {
            // Every step was checked on its way, so this is rare (a field's rules read another step's value): the visitor
            // is taken to the first step with an error, and shown its errors.
            var first = form.Steps.First(s => result.Errors.Any(e => s.Holds(form, e.Field)) || s.IsLast);
            await ShowStepAsync(context, catalog, form, culture, source, returnUrl, attribution, state with { Step = first.Index },
                result.Errors.Where(e => first.Holds(form, e.Field)).ToList(), StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Shows the step <paramref name="state"/> points at, with the values it holds (never a consent, CONS-1).</summary>
    private async Task ShowStepAsync(HttpContext context, FormCatalog catalog, FormDefinition form, string culture, string? source,
        string? returnUrl, SubmissionAttribution? attribution, StepStateData state, IReadOnlyList<FieldError> errors, int status, string? notice = null)
    {
        var step = form.Steps[state.Step];
        var shown = state.Values
            .Where(p => form.FindField(p.Key) is { } f && f.Kind != FieldKind.Hidden && p.Value is not null)
            .GroupBy(p => p.Key)
            .ToDictionary(g => g.Key,
                g => form.FindField(g.Key)!.IsMultiValued ? string.Join(FieldDefinition.ValueSeparator, g.Select(p => p.Value)) : g.First().Value!,
                StringComparer.Ordinal);
        // The page's own fields are posted again: the state carries only the other steps' values.
        var carried = state with { Values = state.Values.Where(p => !step.Holds(form, p.Key)).ToList() };
        var hidden = FieldConditions.HiddenFields(form, state.Values);
        var page = new StepPage(step, state.Step == 0 && state.Values.Count == 0 && state.FillToken is null
            ? []
            : States(context).Protect(form, carried))
        {
            // A field whose condition reads a field of this page is left to the page's script; one reading an earlier
            // step is settled here, where its value is known.
            Omitted = hidden.Where(name => form.FindField(name)?.ShowWhen is { } when && !step.Holds(form, when.Field)).ToHashSet(StringComparer.Ordinal),
        };
        var html = await RenderFormAsync(context, form, culture, source, returnUrl, shown, errors, notice: notice,
            attribution: attribution, step: page);
        var title = form.Title.Get(culture, catalog.DefaultCulture) ?? form.Id;
        await PageRenderer.WriteAsync(context, status, pages.Render(context, catalog, culture, title, html));
    }
}
