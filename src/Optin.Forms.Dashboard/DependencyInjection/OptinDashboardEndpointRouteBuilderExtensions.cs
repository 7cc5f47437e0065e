using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore;
using Optin.Forms.Dashboard.Infrastructure;

// In the namespace of WebApplication, as ASP.NET Core's own Map… extensions: a host needs no using of ours.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Optin.Forms back office.</summary>
public static class OptinDashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the back office at <c>{PathPrefix}/dashboard</c> (<c>/optin/dashboard</c> by default), every page behind the
    /// host's authorization policy named in <c>OptinForms:Admin:AuthorizationPolicy</c> (the admin API's). The back office
    /// is off unless this is called. Pages are rendered on the server, in French and English; every change is made by
    /// the admin API's services and recorded with the signed-in user as its actor.
    /// </summary>
    /// <param name="endpoints">The host's endpoints (the <c>WebApplication</c>).</param>
    /// <returns>The dashboard's route group, for conventions (rate limiting, another policy on top…).</returns>
    /// <exception cref="InvalidOperationException">
    /// <c>UseAspNetCore()</c> was not called, or <c>OptinForms:Admin:AuthorizationPolicy</c> names no policy: the back office
    /// holds personal data and never opens without one.
    /// </exception>
    public static RouteGroupBuilder MapOptinDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var web = endpoints.ServiceProvider.GetService<IOptions<OptinFormsWebOptions>>()?.Value
            ?? throw new InvalidOperationException(
                "MapOptinDashboard needs the web services of Optin.Forms: call services.AddOptinForms(…).UseAspNetCore() first.");
        if (string.IsNullOrWhiteSpace(web.Admin.AuthorizationPolicy))
        {
            throw new InvalidOperationException(
                "OptinForms:Admin:AuthorizationPolicy: the back office (MapOptinDashboard) holds personal data and needs the name of the "
                + "host's authorization policy that protects it (registered with AddAuthorization), for example \"OptinAdmin\".");
        }

        return DashboardEndpoints.Map(endpoints, web.PathPrefix.TrimEnd('/') + "/dashboard", web.Admin.AuthorizationPolicy);
    }
}
