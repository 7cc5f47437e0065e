using System.Collections.Concurrent;
using Fluid;
using Microsoft.AspNetCore.Http;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>
/// A landing page as a whole: the template's body in the default layout, or, with <c>Layout: None</c>, the template as
/// the full page, with <c>{{ form }}</c> and <c>{{ assets }}</c> in place (refused at start without them). A template
/// that cannot be used shows the form alone, in the default layout.
/// </summary>
internal sealed partial class LandingTemplateRenderer
{
    private readonly ConcurrentDictionary<string, TemplateOptions> _options = new(StringComparer.Ordinal);

    /// <summary>
    /// The whole HTML page of <paramref name="page"/>; <paramref name="scripts"/> (local scripts the page needs) go in the
    /// default layout's head, or in the <c>{{ assets }}</c> of a full page.
    /// </summary>
    public async ValueTask<string> RenderPageAsync(HttpContext context, PageRenderer layout, FormCatalog catalog, LandingPageDefinition page,
        string culture, string title, string formHtml, params string[] scripts)
    {
        if (page.Layout == LandingLayout.None
            && await RenderTemplateAsync(page, culture, catalog.DefaultCulture, title, formHtml, layout.Assets(scripts)) is { } whole)
        {
            return whole;
        }

        var body = await RenderAsync(page, culture, catalog.DefaultCulture, title, formHtml);
        return layout.Render(context, catalog, culture, title, body, scripts);
    }

    /// <summary>The options of a render: <c>{% include %}</c> reads under the template root only (CFG-2), or nothing.</summary>
    private TemplateOptions OptionsFor(string? templateRoot) => _options.GetOrAdd(templateRoot ?? string.Empty, root =>
    {
        var options = new TemplateOptions { MaxSteps = 20_000, MaxRecursion = 16 };
        if (root.Length > 0)
        {
            options.FileProvider = new TemplateRootFileProvider(root);
        }

        return options;
    });
}
