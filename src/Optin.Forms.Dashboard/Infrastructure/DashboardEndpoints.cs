using System.Collections.Frozen;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Admin;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.Dashboard.Pages;

namespace Optin.Forms.Dashboard.Infrastructure;

/// <summary>
/// The dashboard's route group: every endpoint behind the host's policy, every POST checked for antiforgery, every
/// answer uncached. Each page maps its own routes (<c>Pages/*.cs</c>).
/// </summary>
internal static class DashboardEndpoints
{
    private static readonly DashboardText BadRequestTitle = new("The form has expired", "Le formulaire a expiré");
    private static readonly DashboardText BadRequestText = new(
        "The page was open too long or came from elsewhere. Go back, reload the page and try again.",
        "La page est restée ouverte trop longtemps ou provient d'ailleurs. Revenez en arrière, rechargez la page et réessayez.");

    private static readonly FrozenDictionary<string, string> Assets = new Dictionary<string, string>
    {
        ["dashboard.css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static RouteGroupBuilder Map(IEndpointRouteBuilder endpoints, string root, string policy)
    {
        var group = endpoints.MapGroup(root).RequireAuthorization(policy).DisableAntiforgery().WithMetadata(AdminEndpointMetadata.Instance);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Features.Set(new DashboardRootFeature(root));
            http.Response.Headers.CacheControl = "no-store";
            if (HttpMethods.IsPost(http.Request.Method))
            {
                var upload = http.GetEndpoint()?.Metadata.GetMetadata<DashboardUploadLimit>();
                if (upload is not null && http.Request.ContentLength > upload.MaxBytes + DashboardUploadLimit.EnvelopeBytes)
                {
                    await upload.WriteTooLargeAsync(DashboardRequest.For(http));
                    return Results.Empty;
                }

                try
                {
                    await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
                }
                catch (Exception e) when (upload is not null && (e is InvalidDataException or BadHttpRequestException
                    || e.InnerException is InvalidDataException or BadHttpRequestException))
                {
                    await upload.WriteTooLargeAsync(DashboardRequest.For(http));
                    return Results.Empty;
                }
                catch (AntiforgeryValidationException)
                {
                    var request = DashboardRequest.For(http);
                    await DashboardLayout.WritePageAsync(request, DashboardSection.Overview, BadRequestTitle.In(request),
                        DashboardForms.Message(BadRequestText.In(request), error: true), StatusCodes.Status400BadRequest);
                    return Results.Empty;
                }
            }

            return await next(context);
        });
        group.MapGet("/assets/{name}", (HttpContext context, string name) => ServeAssetAsync(context, name));

        OverviewPage.Map(group);
        ContactsPage.Map(group);
        EntriesPage.Map(group);
        ImportPage.Map(group);
        BulkPage.Map(group);
        JobsPage.Map(group);
        ConfigurationPage.Map(group);
        SuppressionPage.Map(group);
        return group;
    }

    private static async Task ServeAssetAsync(HttpContext context, string name)
    {
        if (!Assets.TryGetValue(name, out var contentType))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        await using var stream = typeof(DashboardEndpoints).Assembly.GetManifestResourceStream("Optin.Forms.Dashboard.Assets." + name)
            ?? throw new InvalidOperationException($"The embedded asset {name} is missing from Optin.Forms.Dashboard.");
        context.Response.ContentType = contentType;
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.CacheControl = "private, max-age=3600";
        context.Response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy;
        await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
    }
}
