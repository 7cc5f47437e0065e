using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Rights;

namespace Optin.Forms.AspNetCore.Admin;

/// <content>The data subject's rights: evidence (DOI-10), export (DSR-1), access report (DSR-6), erasure (DSR-2), rectification (DSR-3), restriction.</content>
internal static partial class AdminEndpoints
{
    private static void MapRights(RouteGroupBuilder admin)
    {
        admin.MapGet("/contacts/{id:guid}/evidence", (HttpContext c, Guid id) => ReadAsync(c, id, "evidence.json",
            StreamAsync(c, "application/json; charset=utf-8", null, s => Evidence(c).WriteEvidenceJsonAsync(id, s, c.RequestAborted), id)));
        admin.MapGet("/contacts/{id:guid}/evidence/html", (HttpContext c, Guid id) => ReadAsync(c, id, "evidence.html",
            StreamAsync(c, "text/html; charset=utf-8", null, s => Evidence(c).WriteEvidenceHtmlAsync(id, Culture(c), s, c.RequestAborted), id)));
        admin.MapGet("/contacts/{id:guid}/export", (HttpContext c, Guid id) => ReadAsync(c, id, "export",
            StreamAsync(c, "application/json; charset=utf-8", $"export-{id}.json", s => Rights(c).ExportAsync(id, s, c.RequestAborted))));
        admin.MapGet("/contacts/{id:guid}/export/portable", (HttpContext c, Guid id) => ReadAsync(c, id, "export.portable",
            StreamAsync(c, "application/json; charset=utf-8", $"portable-{id}.json", s => Rights(c).ExportPortableAsync(id, s, c.RequestAborted))));
        admin.MapGet("/contacts/{id:guid}/access", (HttpContext c, Guid id, string? culture) => ReadAsync(c, id, "access", AccessReportAsync(c, id, culture)));
        admin.MapPost("/contacts/{id:guid}/erase", (Delegate)EraseAsync);
        admin.MapPut("/contacts/{id:guid}/email", (Delegate)RectifyAsync);
        admin.MapPut("/contacts/{id:guid}/restriction", (Delegate)RestrictAsync);
    }

    private static EvidenceService Evidence(HttpContext context) => context.RequestServices.GetRequiredService<EvidenceService>();

    private static PersonalDataService Rights(HttpContext context) => context.RequestServices.GetRequiredService<PersonalDataService>();

    /// <summary>Streams a document to the response, or answers 404 when the contact does not exist (then nothing was written).</summary>
    /// <remarks>With <paramref name="tombstoneOf"/>, an erased contact answers its tombstone instead of 404 (DSR-5).</remarks>
    /// <returns>Whether the document was written.</returns>
    internal static async Task<bool> StreamAsync(HttpContext context, string contentType, string? fileName, Func<Stream, Task<bool>> write,
        Guid? tombstoneOf = null)
    {
        context.Response.ContentType = contentType;
        if (fileName is not null)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        }

        if (!await write(context.Response.Body))
        {
            context.Response.Headers.ContentDisposition = default;
            await (tombstoneOf is { } id ? await TombstoneOrNotFoundAsync(context, id) : NotFound()).ExecuteAsync(context);
            return false;
        }

        return true;
    }

    /// <summary>
    /// The answer to an access request (GDPR Art. 15, DSR-6) as a printable page in the configured default culture or
    /// <c>?culture=fr|en</c>; like the evidence page, it loads nothing and runs nothing (a strict policy in a header too).
    /// </summary>
    private static Task<bool> AccessReportAsync(HttpContext context, Guid id, string? culture)
    {
        context.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; "
            + "form-action 'none'";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "no-store";
        return StreamAsync(context, "text/html; charset=utf-8", null,
            s => Rights(context).WriteAccessReportAsync(id, s, string.IsNullOrWhiteSpace(culture) ? null : culture, context.RequestAborted));
    }

    private static async Task<IResult> EraseAsync(HttpContext context, Guid id)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminRightsRequest>(context);
        if (request is null)
        {
            return error!;
        }

        if (ErasureAccountability(context, request) is { } invalid)
        {
            return invalid;
        }

        var reason = ErasureReasons.TryParse(request.Reason, out var parsed) ? parsed : throw new InvalidOperationException("Checked above.");

        var report = await Rights(context).EraseAsync(id, Actor(context, request.Actor)!, reason, request.Reference, context.RequestAborted);
        return report is null ? await TombstoneOrNotFoundAsync(context, id) : AdminJson.Ok(report);
    }

    private static async Task<IResult> RectifyAsync(HttpContext context, Guid id)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminRightsRequest>(context);
        if (request is null)
        {
            return error!;
        }

        if (Accountability(context, request.Actor, request.Reason) is { } invalid)
        {
            return invalid;
        }

        if (string.IsNullOrWhiteSpace(request.Email))
        {
            return Invalid("email", "The new address is required.");
        }

        var result = await Rights(context).RectifyEmailAsync(id, request.Email, Actor(context, request.Actor)!, request.Reason!, context.RequestAborted);
        return result.Succeeded
            ? Results.Json(new { contactId = id, doubleOptinQueued = result.Count }, AdminJson.Options, statusCode: StatusCodes.Status202Accepted)
            : result.Code == Submissions.SubmissionCodes.InvalidEmail ? Invalid("email", result.Description ?? result.Code) : FromResult(result);
    }

    private static async Task<IResult> RestrictAsync(HttpContext context, Guid id)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminRightsRequest>(context);
        if (request is null)
        {
            return error!;
        }

        if (request.Restricted is not { } restricted)
        {
            return Invalid("restricted", "true to restrict processing (GDPR Art. 18), false to lift the restriction.");
        }

        return Accountability(context, request.Actor, request.Reason) ?? FromResult(
            await Rights(context).SetRestrictionAsync(id, restricted, Actor(context, request.Actor)!, request.Reason!, context.RequestAborted));
    }

    // Erasure (DSR-5): reason codes, references and tombstones.

    /// <summary>The 400 answer for a missing actor, a reason that is not a code, or a reference that could hold a name; else null.</summary>
    private static IResult? ErasureAccountability(HttpContext context, AdminRightsRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (Actor(context, request.Actor) is null)
        {
            errors["actor"] = [ActorRequired];
        }

        if (!ErasureReasons.TryParse(request.Reason, out _))
        {
            errors["reason"] = ["One of " + string.Join(", ", Enum.GetValues<ErasureReason>().Select(ErasureReasons.Code))
                + " (the tombstone keeps a code, never free text; put the ticket number in reference)."];
        }

        if (!ErasureReasons.IsValidReference(request.Reference))
        {
            errors["reference"] = ["The reference is " + ErasureReasons.ReferenceRule + "."];
        }

        return errors.Count == 0 ? null : AdminJson.Problem(StatusCodes.Status400BadRequest, "The request is invalid.", errors: errors);
    }

    /// <summary>The tombstone of an erased contact (200), or 404 when the contact never existed.</summary>
    private static async Task<IResult> TombstoneOrNotFoundAsync(HttpContext context, Guid id) =>
        await Rights(context).FindTombstoneAsync(id, context.RequestAborted) is { } tombstone
            ? AdminJson.Ok(new
            {
                contactId = id,
                erased = true,
                erasedAt = tombstone.ErasedAt,
                reason = tombstone.Reason,
                reasonCode = ErasureReasons.Code(tombstone.Reason),
                reference = tombstone.Reference,
                actor = tombstone.Actor,
            })
            : NotFound();
}
