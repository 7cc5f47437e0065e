using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Optin.Forms.AspNetCore.Admin;

/// <summary>
/// Answers 401 (or 403) on the admin API when the request is not authorized and the host has no authentication scheme
/// to challenge with: ASP.NET Core would throw "No authenticationScheme was specified" and answer 500. Every other
/// request, and every admin request of a host that has a scheme, goes to the host's handler unchanged.
/// </summary>
internal sealed class AdminAuthorizationResultHandler(IAuthorizationMiddlewareResultHandler inner) : IAuthorizationMiddlewareResultHandler
{
    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if ((authorizeResult.Challenged || authorizeResult.Forbidden)
            && policy.AuthenticationSchemes.Count == 0
            && context.GetEndpoint()?.Metadata.GetMetadata<AdminEndpointMetadata>() is not null
            && !await HasDefaultSchemeAsync(context, authorizeResult.Challenged))
        {
            context.Response.StatusCode = authorizeResult.Challenged ? StatusCodes.Status401Unauthorized : StatusCodes.Status403Forbidden;
            context.Response.Headers.CacheControl = "no-store";
            return;
        }

        await inner.HandleAsync(next, context, policy, authorizeResult);
    }

    /// <summary>Replaces the registered handler with this one around it (once); the framework's default otherwise.</summary>
    public static void Decorate(IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(Marker)))
        {
            return;
        }

        services.AddSingleton<Marker>();
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IAuthorizationMiddlewareResultHandler) && !d.IsKeyedService);
        if (registered is not null)
        {
            services.Remove(registered);
        }

        services.AddSingleton<IAuthorizationMiddlewareResultHandler>(sp => new AdminAuthorizationResultHandler(Inner(sp, registered)));
    }

    private static IAuthorizationMiddlewareResultHandler Inner(IServiceProvider services, ServiceDescriptor? registered) => registered switch
    {
        { ImplementationInstance: IAuthorizationMiddlewareResultHandler instance } => instance,
        { ImplementationFactory: { } factory } => (IAuthorizationMiddlewareResultHandler)factory(services),
        { ImplementationType: { } type } => (IAuthorizationMiddlewareResultHandler)ActivatorUtilities.CreateInstance(services, type),
        _ => new AuthorizationMiddlewareResultHandler(),
    };

    private static async Task<bool> HasDefaultSchemeAsync(HttpContext context, bool challenge)
    {
        if (context.RequestServices.GetService<IAuthenticationSchemeProvider>() is not { } schemes)
        {
            return false;
        }

        return (challenge ? await schemes.GetDefaultChallengeSchemeAsync() : await schemes.GetDefaultForbidSchemeAsync()) is not null;
    }

    private sealed class Marker;
}

/// <summary>Marks the admin API's endpoints for <see cref="AdminAuthorizationResultHandler"/>.</summary>
internal sealed class AdminEndpointMetadata
{
    public static readonly AdminEndpointMetadata Instance = new();
}
