using System.Collections.Concurrent;
using Fluid;
using Fluid.Values;
using Microsoft.Extensions.Logging;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>
/// Renders a landing page's body from the owner's Liquid template (Fluid, HTML-encoded, step and recursion limits),
/// with <c>title</c>, <c>culture</c> and the rendered <c>form</c> in scope. The result goes inside the default layout.
/// </summary>
/// <remarks>
/// The template is the page's <see cref="LandingPageDefinition.TemplateHtml"/>, read from <c>OptinForms:Templates:{id}</c>
/// by the one configuration reader (<c>Html</c>: one text, one per culture, <c>Html:fr</c> or <c>fr:Html</c>) and checked
/// at start, exactly as <c>optin check</c> reads it. A page whose template cannot be found or parsed shows its form alone.
/// </remarks>
internal sealed partial class LandingTemplateRenderer(ILogger<LandingTemplateRenderer> logger)
{
    /// <summary>How long a first render may take before the page is shown with its form alone (SEC-4).</summary>
    internal static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(2);

    private const string FormMarker = "\u0001optin-form\u0001";
    private const string AssetsMarker = "\u0001optin-assets\u0001";
    private static readonly FluidParser Parser = new();
    private readonly ConcurrentDictionary<string, Lazy<Task<string?>>> _rendered = new(StringComparer.Ordinal);

    public async ValueTask<string> RenderAsync(LandingPageDefinition page, string culture, string defaultCulture, string title, string formHtml) =>
        await RenderTemplateAsync(page, culture, defaultCulture, title, formHtml, assetsHtml: string.Empty) ?? formHtml;

    /// <summary>The template's output with the form (and the assets) in place, or null when it cannot be used.</summary>
    private async ValueTask<string?> RenderTemplateAsync(LandingPageDefinition page, string culture, string defaultCulture, string title,
        string formHtml, string assetsHtml)
    {
        if (page.Template is null || page.TemplateHtml.IsEmpty || page.TemplateHtml.Get(culture, defaultCulture) is not { Length: > 0 } text)
        {
            return null;
        }

        // The template sees no per-request value but the form, so its output is rendered once per text, culture and
        // title, with a marker where the form goes; a runaway template costs one bounded wait, not one per request.
        var key = string.Join('\u001f', text, culture, title, page.Path);
        var render = _rendered.GetOrAdd(key, _ => new Lazy<Task<string?>>(() => Task.Run(() => RenderOnceAsync(page, text, culture, title))));
        var finished = await Task.WhenAny(render.Value, Task.Delay(RenderTimeout));
        if (finished != render.Value || !render.Value.IsCompletedSuccessfully || render.Value.Result is not { } html)
        {
            if (finished != render.Value)
            {
                Log.RenderFailed(logger, page.Slug, "the template did not finish in time");
            }

            return null;
        }

        html = html.Replace(AssetsMarker, assetsHtml, StringComparison.Ordinal);
        return html.Contains(FormMarker, StringComparison.Ordinal)
            ? html.Replace(FormMarker, formHtml, StringComparison.Ordinal)
            : html + formHtml;
    }

    private async Task<string?> RenderOnceAsync(LandingPageDefinition page, string text, string culture, string title)
    {
        if (!Parser.TryParse(text, out var template, out var error))
        {
            Log.ParseFailed(logger, page.Slug, error);
            return null;
        }

        var context = new TemplateContext(OptionsFor(page.TemplateRoot));
        context.SetValue("title", title);
        context.SetValue("culture", culture);
        context.SetValue("path", page.Path);
        context.SetValue("form", new StringValue(FormMarker, encode: false));
        context.SetValue("assets", new StringValue(AssetsMarker, encode: false));
        try
        {
            return await template.RenderAsync(context, Html.Encoder);
        }
        catch (InvalidOperationException ex)
        {
            Log.RenderFailed(logger, page.Slug, ex.Message);
            return null;
        }
    }


    private static partial class Log
    {
        [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "The template of landing page {Slug} does not parse: {Error}")]
        public static partial void ParseFailed(ILogger logger, string slug, string error);

        [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "The template of landing page {Slug} failed to render: {Error}")]
        public static partial void RenderFailed(ILogger logger, string slug, string error);
    }
}
