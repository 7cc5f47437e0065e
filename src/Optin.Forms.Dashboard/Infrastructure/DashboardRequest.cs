using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;

namespace Optin.Forms.Dashboard.Infrastructure;

/// <summary>What every page needs of its request: the culture, the dashboard's root path, the signed-in actor, antiforgery.</summary>
internal sealed class DashboardRequest
{
    private DashboardRequest(HttpContext context, string root, string culture)
    {
        Context = context;
        Root = root;
        Culture = culture;
    }

    /// <summary>The request.</summary>
    public HttpContext Context { get; }

    /// <summary>The dashboard's root path, e.g. <c>/optin/dashboard</c> (no trailing slash).</summary>
    public string Root { get; }

    /// <summary><c>fr</c> or <c>en</c>.</summary>
    public string Culture { get; }

    /// <summary>The request's cancellation.</summary>
    public CancellationToken Aborted => Context.RequestAborted;

    /// <summary>Creates the request's view; the root is the matched route group's (<see cref="DashboardEndpoints"/>).</summary>
    public static DashboardRequest For(HttpContext context) =>
        new(context, context.Features.Get<DashboardRootFeature>()?.Root ?? string.Empty, DashboardCultures.Resolve(context));

    /// <summary>
    /// The signed-in user who makes a change (recorded as the ledger's actor): the identity's name, else its
    /// <c>NameIdentifier</c>; <see langword="null"/> when neither is there (the change is then refused).
    /// </summary>
    public string? Actor
    {
        get
        {
            var user = Context.User;
            var name = user.Identity?.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                name = user.FindFirst(ClaimTypes.NameIdentifier)?.Value;
            }

            return string.IsNullOrWhiteSpace(name) ? null : name;
        }
    }

    /// <summary>A path under the dashboard, e.g. <c>Url("/contacts")</c>.</summary>
    public string Url(string relative) => Root + relative;

    /// <summary>The hidden antiforgery field every dashboard form carries (its POST is refused without it).</summary>
    public string AntiforgeryField()
    {
        var tokens = Context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Context);
        return "<input type=\"hidden\" name=\"" + Html.Encode(tokens.FormFieldName) + "\" value=\"" + Html.Encode(tokens.RequestToken) + "\">";
    }
}

/// <summary>Carries the dashboard's root path from its route group to its pages.</summary>
internal sealed record DashboardRootFeature(string Root);
