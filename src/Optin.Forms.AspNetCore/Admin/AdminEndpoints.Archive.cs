using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Retention;

namespace Optin.Forms.AspNetCore.Admin;

/// <content>
/// RET-4: the intermediate archive, readable only here (and by <c>optin archive</c>), behind the admin policy; the
/// contact and evidence endpoints never reach it.
/// </content>
internal static partial class AdminEndpoints
{
    private static void MapArchive(RouteGroupBuilder admin) =>
        admin.MapGet("/archive/{id:guid}", (HttpContext c, Guid id) => StreamArchiveAsync(c, id));

    private static async Task StreamArchiveAsync(HttpContext context, Guid id)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        if (!await context.RequestServices.GetRequiredService<ProofArchive>().WriteJsonAsync(id, context.Response.Body, context.RequestAborted))
        {
            await AdminJson.Problem(StatusCodes.Status404NotFound, "No archived proof for this id.").ExecuteAsync(context);
        }
    }
}
