using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore;
using Optin.Forms.AspNetCore.Admin;
using Optin.Forms.AspNetCore.Endpoints;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Schema;

// In the namespace of WebApplication, as ASP.NET Core's own Map… extensions: a host needs no using of ours.
namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Optin.Forms endpoints (the HTTP contract of ARCHITECTURE.md).</summary>
public static class OptinFormsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps, under the configured prefix (<c>/optin</c> by default): <c>GET|POST forms/{formId}</c>,
    /// <c>GET forms/{formId}/fragment</c>, <c>GET forms/{formId}/challenge</c>, <c>GET thanks</c>, <c>GET|HEAD|POST confirm/{token}</c>, <c>GET confirmed</c>,
    /// <c>GET|HEAD|POST unsubscribe/{token}</c>, <c>GET|HEAD|POST preferences/{token}</c>, <c>GET assets/{name}</c>; <c>POST bounces</c> when
    /// <see cref="BounceEndpointOptions.ReportSecret"/> is set; the admin API under <c>admin/</c> when
    /// <see cref="AdminApiOptions.Enabled"/>; and every configured landing page at its path.
    /// </summary>
    /// <returns>The route group of the prefixed endpoints, for conventions.</returns>
    public static RouteGroupBuilder MapOptinForms(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var services = endpoints.ServiceProvider;
        var web = services.GetRequiredService<IOptions<OptinFormsWebOptions>>().Value;
        var group = endpoints.MapGroup(web.PathPrefix.TrimEnd('/'));
        group.MapGet("/forms/{formId}", (HttpContext c, string formId) => Forms(c).ShowAsync(c, formId));
        group.MapPost("/forms/{formId}", (HttpContext c, string formId) => Forms(c).PostAsync(c, formId)).DisableAntiforgery();
        group.MapGet("/forms/{formId}/fragment", (HttpContext c, string formId) => Forms(c).ShowFragmentAsync(c, formId));
        group.MapGet("/forms/{formId}/challenge", (HttpContext c, string formId) => Forms(c).ShowChallengeAsync(c, formId));
        group.MapGet("/thanks", (HttpContext c) => Forms(c).ShowThanksAsync(c));
        group.MapMethods("/confirm/{token}", ["GET", "HEAD"], (HttpContext c, string token) => Tokens(c).ShowConfirmAsync(c, token));
        group.MapPost("/confirm/{token}", (HttpContext c, string token) => Tokens(c).PostConfirmAsync(c, token)).DisableAntiforgery();
        group.MapGet("/confirmed", (HttpContext c) => Tokens(c).ShowConfirmedAsync(c));
        group.MapMethods("/unsubscribe/{token}", ["GET", "HEAD"], (HttpContext c, string token) => Tokens(c).ShowUnsubscribeAsync(c, token));
        group.MapPost("/unsubscribe/{token}", (HttpContext c, string token) => Tokens(c).PostUnsubscribeAsync(c, token)).DisableAntiforgery();
        group.MapMethods("/preferences/{token}", ["GET", "HEAD"], (HttpContext c, string token) => Tokens(c).ShowPreferencesAsync(c, token));
        group.MapPost("/preferences/{token}", (HttpContext c, string token) => Tokens(c).PostPreferencesAsync(c, token)).DisableAntiforgery();
        group.MapGet("/assets/{name}", (HttpContext c, string name) => AssetEndpoints.ServeAsync(c, name));
        if (!string.IsNullOrWhiteSpace(web.Deliverability.ReportSecret))
        {
            // Without a secret the route does not exist (404): nobody can post reports to a site that did not ask for them.
            group.MapPost("/bounces", (HttpContext c) => c.RequestServices.GetRequiredService<BounceEndpoint>().PostAsync(c)).DisableAntiforgery();
        }

        if (web.Admin.Enabled)
        {
            AdminEndpoints.Map(group, web.Admin);
        }

        var catalog = services.GetRequiredService<IFormCatalogProvider>().Current;
        foreach (var page in catalog.LandingPages.Values)
        {
            var slug = page.Slug;
            endpoints.MapGet(page.Path, (HttpContext c) => ShowLandingAsync(c, slug));
        }

        return group;
    }

    /// <summary>Maps a thank-you page at <paramref name="path"/> (for a form's <c>SuccessPage</c>), in the default layout.</summary>
    /// <returns>The endpoint's convention builder.</returns>
    public static IEndpointConventionBuilder MapOptinThankYouPage(this IEndpointRouteBuilder endpoints, string path)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        return endpoints.MapGet(path, (HttpContext c) => Forms(c).ShowThanksAsync(c));
    }

    private static FormPostHandler Forms(HttpContext context) => context.RequestServices.GetRequiredService<FormPostHandler>();

    private static TokenPageHandler Tokens(HttpContext context) => context.RequestServices.GetRequiredService<TokenPageHandler>();

    private static async Task ShowLandingAsync(HttpContext context, string slug)
    {
        var forms = Forms(context);
        var catalog = forms.Catalog;
        var culture = CultureResolver.Resolve(context, catalog);
        if (catalog.LandingPages.GetValueOrDefault(slug) is not { } page)
        {
            await forms.NotFoundAsync(context, catalog, culture);
            return;
        }

        // A/B variants: each view draws one by weight, with no cookie; the form carries the variant shown, signed, to its post.
        var variant = page.ChooseVariant(Random.Shared);
        page = variant is null ? page : page.As(variant);
        var title = page.Title.Get(culture, catalog.DefaultCulture) ?? page.Form.Title.Get(culture, catalog.DefaultCulture) ?? slug;
        var formHtml = await forms.RenderFormAsync(context, page.Form, culture, page.Path, context.Request.Query["returnUrl"].ToString(),
            attribution: AttributionCarrier.FromRequest(context, page.Slug, variant?.Id));
        var html = await context.RequestServices.GetRequiredService<LandingTemplateRenderer>()
            .RenderPageAsync(context, context.RequestServices.GetRequiredService<PageRenderer>(), catalog, page, culture, title, formHtml);
        ViewCounting.Count(context, page.Form.Id, page.Slug, variant?.Id);
        await PageRenderer.WriteAsync(context, StatusCodes.Status200OK, html);
    }
}
