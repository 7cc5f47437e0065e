using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Deliverability;
using Optin.Forms.DoubleOptin;

namespace Optin.Forms.AspNetCore.Admin;

/// <content>The admin endpoints that change something: opt-in by hand and in bulk, objection, double opt-in, suppression.</content>
internal static partial class AdminEndpoints
{
    private const string ActorRequired = "Who makes the change is required: a signed-in identity with a name or a NameIdentifier claim (the body's actor is ignored).";

    private static async Task<IResult> SetOptinAsync(HttpContext context, Guid id, string purposeId)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminOptinRequest>(context);
        if (request is null)
        {
            return error!;
        }

        if (Accountability(context, request.State, request.Actor, request.Reason, request.LegalBasis) is { } invalid)
        {
            return invalid;
        }

        var change = new ManualOptinChange(id, purposeId, request.State!.Value, Actor(context, request.Actor)!, request.Reason!, request.LegalBasis!);
        return FromResult(await Contacts(context).SetOptinAsync(change, context.RequestAborted));
    }

    private static async Task<IResult> ObjectAsync(HttpContext context, Guid id)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminActorRequest>(context);
        if (request is null)
        {
            return error!;
        }

        return Actor(context, request.Actor) is not { } actor
            ? Invalid("actor", ActorRequired)
            : FromResult(await Contacts(context).ObjectToMarketingAsync(id, ConsentMethod.Manual, actor, context.RequestAborted));
    }

    private static async Task<IResult> RequestDoubleOptinAsync(HttpContext context, Guid id, string purposeId)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminActorRequest>(context);
        if (request is null)
        {
            return error!;
        }

        if (Accountability(context, request.Actor, request.Reason) is { } invalid)
        {
            return invalid;
        }

        var service = context.RequestServices.GetRequiredService<DoubleOptinRequestService>();
        var result = await service.RequestAsync(id, purposeId, request.Culture, Actor(context, request.Actor)!, request.Reason!.Trim(), context.RequestAborted);
        return result.Succeeded ? Results.Json(new { contactId = id, count = result.Count }, AdminJson.Options, statusCode: StatusCodes.Status202Accepted) : FromResult(result);
    }

    private static async Task<IResult> BulkAsync(HttpContext context)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminBulkRequest>(context);
        if (request is null)
        {
            return error!;
        }

        var query = (request.Query ?? new AdminQuery()).ToContactQuery();
        var service = Contacts(context);
        var count = await service.CountAsync(query, context.RequestAborted);
        if (request.DryRun)
        {
            return AdminJson.Ok(new { dryRun = true, count });
        }

        if (string.IsNullOrWhiteSpace(request.PurposeId))
        {
            return Invalid("purposeId", "The purpose to change is required.");
        }

        if (Accountability(context, request.State, request.Actor, request.Reason, request.LegalBasis) is { } invalid)
        {
            return invalid;
        }

        if (request.ExpectedCount is not { } expected)
        {
            return Invalid("expectedCount", "Run the same request with dryRun=true first, then send the count it gave as expectedCount.");
        }

        if (expected != count)
        {
            return Results.Problem($"The query now matches {count} contacts, not {expected}: nothing was changed.",
                statusCode: StatusCodes.Status409Conflict, title: "The count changed since the dry run.",
                extensions: new Dictionary<string, object?> { ["count"] = count });
        }

        var bulk = new BulkOptinRequest(query, request.PurposeId, request.State!.Value, Actor(context, request.Actor)!, request.Reason!, request.LegalBasis!);
        var result = await service.SetOptinInBulkAsync(bulk, context.RequestAborted);
        return result.Succeeded ? AdminJson.Ok(new { dryRun = false, matched = count, changed = result.Count }) : FromResult(result);
    }

    private static async Task<IResult> LookupSuppressionAsync(HttpContext context)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminSuppressionRequest>(context);
        if (request is null)
        {
            return error!;
        }

        try
        {
            var entry = await context.RequestServices.GetRequiredService<SuppressionList>().FindAsync(request.Email ?? string.Empty, context.RequestAborted);
            // An undeliverable mark (a permanent bounce) and a complaint are suppression entries too: the flags say which, and
            // that the person's own new double opt-in lifts them.
            return AdminJson.Ok(entry is null
                ? new { suppressed = false, undeliverable = false, complaint = false }
                : new
                {
                    suppressed = true,
                    reason = entry.Reason,
                    createdAt = entry.CreatedAt,
                    expiresAt = entry.ExpiresAt,
                    undeliverable = DeliverabilityService.IsUndeliverable(entry),
                    complaint = DeliverabilityService.IsComplaint(entry),
                } as object);
        }
        catch (ArgumentException e)
        {
            return Invalid("email", e.Message);
        }
    }

    private static async Task<IResult> AddSuppressionAsync(HttpContext context)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminSuppressionRequest>(context);
        if (request is null)
        {
            return error!;
        }

        if (string.IsNullOrWhiteSpace(request.Reason) || request.Days is <= 0)
        {
            return Invalid("reason", "A reason is required, and days, when given, must be positive.");
        }

        try
        {
            var duration = request.Days is { } days ? Duration.FromDays(days) : (Duration?)null;
            var entry = await context.RequestServices.GetRequiredService<SuppressionList>()
                .AddAsync(request.Email ?? string.Empty, request.Reason, duration, context.RequestAborted);
            return Results.Json(new { suppressed = true, reason = entry.Reason, createdAt = entry.CreatedAt, expiresAt = entry.ExpiresAt },
                AdminJson.Options, statusCode: StatusCodes.Status201Created);
        }
        catch (ArgumentException e)
        {
            return Invalid("email", e.Message);
        }
    }

    /// <summary>The 400 answer for a change by hand that misses its state or accountability, or null when complete.</summary>
    private static IResult? Accountability(HttpContext context, OptinState? state, string? actor, string? reason, string? legalBasis)
    {
        var errors = new Dictionary<string, string[]>();
        if (state is null or OptinState.PendingConfirmation)
        {
            errors["state"] = ["OptedIn, Withdrawn or None (pending confirmation comes only from a double opt-in request)."];
        }

        if (string.IsNullOrWhiteSpace(legalBasis))
        {
            errors["legalBasis"] = ["A legal basis is required (e.g. consent given on paper, Art. 6(1)(a))."];
        }

        return Accountability(context, actor, reason, errors);
    }

    /// <summary>Adds the missing actor and reason to <paramref name="errors"/>; the 400 answer when any is listed, else null.</summary>
    private static IResult? Accountability(HttpContext context, string? actor, string? reason, Dictionary<string, string[]>? errors = null)
    {
        errors ??= [];
        if (Actor(context, actor) is null)
        {
            errors["actor"] = [ActorRequired];
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            errors["reason"] = ["A reason is required (for example the person's request and its date)."];
        }

        return errors.Count == 0 ? null : AdminJson.Problem(StatusCodes.Status400BadRequest, "The request is invalid.", errors: errors);
    }
}
