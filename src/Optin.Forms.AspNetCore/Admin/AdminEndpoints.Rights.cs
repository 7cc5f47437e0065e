using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Rights;

namespace Optin.Forms.AspNetCore.Admin;

/// <content>The data subject's rights: evidence (DOI-10), export (DSR-1), erasure (DSR-2), rectification (DSR-3), restriction.</content>
internal static partial class AdminEndpoints
{
    private static void MapRights(RouteGroupBuilder admin)
    {
        admin.MapGet("/contacts/{id:guid}/evidence", (HttpContext c, Guid id) => ReadAsync(c, id, "evidence.json",
            StreamAsync(c, "application/json; charset=utf-8", null, s => Evidence(c).WriteEvidenceJsonAsync(id, s, c.RequestAborted))));
        admin.MapGet("/contacts/{id:guid}/evidence/html", (HttpContext c, Guid id) => ReadAsync(c, id, "evidence.html",
            StreamAsync(c, "text/html; charset=utf-8", null, s => Evidence(c).WriteEvidenceHtmlAsync(id, Culture(c), s, c.RequestAborted))));
        admin.MapGet("/contacts/{id:guid}/export", (HttpContext c, Guid id) => ReadAsync(c, id, "export",
            StreamAsync(c, "application/json; charset=utf-8", $"export-{id}.json", s => Rights(c).ExportAsync(id, s, c.RequestAborted))));
        admin.MapGet("/contacts/{id:guid}/export/portable", (HttpContext c, Guid id) => ReadAsync(c, id, "export.portable",
            StreamAsync(c, "application/json; charset=utf-8", $"portable-{id}.json", s => Rights(c).ExportPortableAsync(id, s, c.RequestAborted))));
        admin.MapPost("/contacts/{id:guid}/erase", (Delegate)EraseAsync);
        admin.MapPut("/contacts/{id:guid}/email", (Delegate)RectifyAsync);
        admin.MapPut("/contacts/{id:guid}/restriction", (Delegate)RestrictAsync);
    }

    private static EvidenceService Evidence(HttpContext context) => context.RequestServices.GetRequiredService<EvidenceService>();

    private static PersonalDataService Rights(HttpContext context) => context.RequestServices.GetRequiredService<PersonalDataService>();

    /// <summary>Streams a document to the response, or answers 404 when the contact does not exist (then nothing was written).</summary>
    /// <returns>Whether the document was written.</returns>
    private static async Task<bool> StreamAsync(HttpContext context, string contentType, string? fileName, Func<Stream, Task<bool>> write)
    {
        context.Response.ContentType = contentType;
        if (fileName is not null)
        {
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        }

        if (!await write(context.Response.Body))
        {
            context.Response.Headers.ContentDisposition = default;
            await NotFound().ExecuteAsync(context);
            return false;
        }

        return true;
    }

    private static async Task<IResult> EraseAsync(HttpContext context, Guid id)
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

        var report = await Rights(context).EraseAsync(id, Actor(context, request.Actor)!, request.Reason!, context.RequestAborted);
        return report is null ? NotFound() : AdminJson.Ok(report);
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
}
