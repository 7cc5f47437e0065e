using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Admin;

/// <summary>
/// The admin API: JSON endpoints under <c>{prefix}/admin</c>, every one behind the host's authorization policy (DSR-4).
/// Addresses travel only in request bodies, never in URLs, so they stay out of access logs.
/// </summary>
internal static partial class AdminEndpoints
{
    public static RouteGroupBuilder Map(RouteGroupBuilder prefixed, AdminApiOptions options)
    {
        var admin = prefixed.MapGroup("/admin").RequireAuthorization(options.AuthorizationPolicy!).DisableAntiforgery()
            .WithMetadata(AdminEndpointMetadata.Instance);
        admin.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.CacheControl = "no-store";
            return await next(context);
        });
        admin.MapPost("/contacts/search", (Delegate)SearchAsync);
        admin.MapGet("/contacts/{id:guid}", (Delegate)GetAsync);
        admin.MapGet("/contacts/{id:guid}/ledger", (Delegate)LedgerAsync);
        admin.MapPut("/contacts/{id:guid}/optins/{purposeId}", (Delegate)SetOptinAsync);
        admin.MapPost("/contacts/{id:guid}/objection", (Delegate)ObjectAsync);
        admin.MapPost("/contacts/{id:guid}/double-optin/{purposeId}", (Delegate)RequestDoubleOptinAsync);
        admin.MapPost("/bulk-optin", (Delegate)BulkAsync);
        admin.MapPost("/suppression/lookup", (Delegate)LookupSuppressionAsync);
        admin.MapPost("/suppression", (Delegate)AddSuppressionAsync);
        MapRights(admin);
        MapRecordOfProcessing(admin);
        MapArchive(admin); // RET-4
        MapLedger(admin);
        return admin;
    }

    private static async Task<IResult> SearchAsync(HttpContext context)
    {
        var (request, error) = await AdminJson.ReadAsync<AdminSearchRequest>(context);
        if (request is null)
        {
            return error!;
        }

        var max = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<OptinFormsWebOptions>>().Value.Admin.MaxPageSize;
        var limit = request.Limit ?? Math.Min(50, max);
        var offset = request.Offset ?? 0;
        if (limit < 1 || limit > max || offset < 0)
        {
            return Invalid("limit", $"limit must be between 1 and {max}, and offset zero or more.");
        }

        var store = Store(context);
        var ct = context.RequestAborted;
        if (request.Email is not null)
        {
            if (!EmailAddressNormalizer.TryNormalize(request.Email, out var email, out var code))
            {
                return Invalid("email", code);
            }

            var found = await store.Contacts.FindByEmailKeyAsync(email.Key, ct);
            return AdminJson.Ok(new { items = found is null ? Array.Empty<Contact>() : [found], offset = 0 });
        }

        var items = new List<Contact>(limit);
        var skipped = 0;
        int? next = null;
        await foreach (var contact in store.Contacts.QueryAsync((request.Query ?? new AdminQuery()).ToContactQuery(), ct))
        {
            if (skipped < offset)
            {
                skipped++;
                continue;
            }

            if (items.Count == limit)
            {
                next = offset + limit;
                break;
            }

            items.Add(contact);
        }

        return AdminJson.Ok(new { items, offset, next });
    }

    private static async Task<IResult> GetAsync(HttpContext context, Guid id) =>
        await Store(context).Contacts.FindAsync(id, context.RequestAborted) is { } contact
            ? AdminJson.Ok(contact)
            : await TombstoneOrNotFoundAsync(context, id);

    private static async Task<IResult> LedgerAsync(HttpContext context, Guid id)
    {
        var store = Store(context);
        if (await store.Contacts.FindAsync(id, context.RequestAborted) is null)
        {
            return NotFound();
        }

        var events = new List<ConsentEvent>();
        await foreach (var e in store.Ledger.ReadAsync(id, context.RequestAborted))
        {
            events.Add(e);
        }

        return AdminJson.Ok(new { contactId = id, events });
    }

    private static IOptinStore Store(HttpContext context) => context.RequestServices.GetRequiredService<IOptinStore>();

    private static ContactOptinService Contacts(HttpContext context) => context.RequestServices.GetRequiredService<ContactOptinService>();

    private static IResult NotFound() => AdminJson.Problem(StatusCodes.Status404NotFound, "No such contact.");

    private static IResult Invalid(string field, string message) =>
        AdminJson.Problem(StatusCodes.Status400BadRequest, "The request is invalid.", errors: new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>
    /// Who did it: the signed-in identity (accountability, CONS-6, EVD-1), never the body's self-declared <c>actor</c>,
    /// which is ignored; null when no one is signed in.
    /// </summary>
    private static string? Actor(HttpContext context, string? actor) => SignedIn(context);

    private static IResult FromResult(OptinOperationResult result) => result.Succeeded
        ? AdminJson.Ok(new { contactId = result.ContactId, count = result.Count })
        : result.Code switch
        {
            SubmissionCodes.ContactNotFound => AdminJson.Problem(StatusCodes.Status404NotFound, "No such contact.", result.Description),
            SubmissionCodes.UnknownPurpose => Invalid("purposeId", result.Description ?? result.Code),
            _ => Results.Problem(result.Description, statusCode: StatusCodes.Status409Conflict, title: "The change was refused.",
                extensions: new Dictionary<string, object?> { ["code"] = result.Code }),
        };
}
