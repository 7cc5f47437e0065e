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
/// Templates are read from <c>OptinForms:Templates:{id}</c>: an <c>Html</c> value, either one text or one per culture
/// (<c>Html:fr</c>, or <c>fr:Html</c>). A page whose template cannot be found or parsed shows its form alone.
/// </remarks>
internal sealed partial class LandingTemplateRenderer(LandingTemplateSource source, ILogger<LandingTemplateRenderer> logger)
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = CreateOptions();
    private readonly ConcurrentDictionary<string, IFluidTemplate?> _parsed = new(StringComparer.Ordinal);

    public async ValueTask<string> RenderAsync(LandingPageDefinition page, string culture, string defaultCulture, string title, string formHtml)
    {
        if (page.Template is null || source.Find(page.Template, culture, defaultCulture) is not { } text)
        {
            return formHtml;
        }

        var template = _parsed.GetOrAdd(text, t =>
        {
            if (Parser.TryParse(t, out var parsed, out var error))
            {
                return parsed;
            }

            Log.ParseFailed(logger, page.Slug, error);
            return null;
        });
        if (template is null)
        {
            return formHtml;
        }

        var context = new TemplateContext(Options);
        context.SetValue("title", title);
        context.SetValue("culture", culture);
        context.SetValue("path", page.Path);
        context.SetValue("form", new StringValue(formHtml, encode: false));
        try
        {
            var html = await template.RenderAsync(context, Html.Encoder);
            return html.Contains(formHtml, StringComparison.Ordinal) ? html : html + formHtml;
        }
        catch (InvalidOperationException ex)
        {
            Log.RenderFailed(logger, page.Slug, ex.Message);
            return formHtml;
        }
    }

    private static TemplateOptions CreateOptions()
    {
        var options = new TemplateOptions { MaxSteps = 20_000, MaxRecursion = 16 };
        return options;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4300, Level = LogLevel.Warning, Message = "The template of landing page {Slug} does not parse: {Error}")]
        public static partial void ParseFailed(ILogger logger, string slug, string error);

        [LoggerMessage(EventId = 4301, Level = LogLevel.Warning, Message = "The template of landing page {Slug} failed to render: {Error}")]
        public static partial void RenderFailed(ILogger logger, string slug, string error);
    }
}
