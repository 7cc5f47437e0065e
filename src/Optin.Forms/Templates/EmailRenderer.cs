using System.Text.Encodings.Web;
using Fluid;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Schema;

namespace Optin.Forms.Templates;

/// <summary>
/// Renders email templates: one shared parser and cached parsed templates, a fresh context per render, HTML encoding
/// for the HTML body, and step, recursion and output limits (SEC-4).
/// </summary>
internal sealed class EmailRenderer
{
    private readonly Func<EmailTemplateSet> _templates;
    private readonly IClock _clock;
    private volatile BoundOptions? _options;

    /// <summary>The engine's renderer: the templates of the configuration in force, recompiled when it reloads.</summary>
    public EmailRenderer(IFormCatalogProvider catalogs, IOptions<OptinFormsOptions> options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var templates = new CatalogBound<EmailTemplateSet>(catalogs, o => EmailTemplateCompiler.Compile(o, []), () => options.Value);
        _templates = () => templates.Value;
        _clock = clock;
    }

    internal EmailRenderer(EmailTemplateSet templates, IClock clock)
    {
        _templates = () => templates;
        _clock = clock;
    }

    public EmailTemplateSet Templates => _templates();

    /// <exception cref="InvalidOperationException">The template does not exist, or the output is too large.</exception>
    public async ValueTask<RenderedEmail> RenderAsync(string templateId, string? culture, EmailModel model)
    {
        var set = Templates;
        var template = set.Find(templateId, culture)
            ?? throw new InvalidOperationException($"The email template '{templateId}' does not exist.");
        var options = OptionsFor(set);
        var subject = await RenderPartAsync(template.Subject, NullEncoder.Default, model, options);
        var html = await RenderPartAsync(template.Html, FluidEngine.Html, model, options);
        var text = await RenderPartAsync(template.Text, NullEncoder.Default, model, options);
        return new RenderedEmail(template.Id, template.Culture, subject.Trim(), html, text, template.Marketing, template.Sha256)
        {
            TemplateSources = template.Sources,
        };
    }

    /// <summary>The options for <paramref name="set"/>: its template root for <c>{% include %}</c>, made again when the set is.</summary>
    private TemplateOptions OptionsFor(EmailTemplateSet set)
    {
        if (_options is { } current && ReferenceEquals(current.Set, set))
        {
            return current.Options;
        }

        var options = FluidEngine.CreateOptions(_clock, set.Files);
        _options = new BoundOptions(set, options);
        return options;
    }

    private static async ValueTask<string> RenderPartAsync(IFluidTemplate template, TextEncoder encoder, EmailModel model, TemplateOptions options)
    {
        var context = new TemplateContext(model, options);
        using var writer = new BoundedStringWriter(FluidEngine.MaxOutputChars);
        await template.RenderAsync(writer, encoder, context);
        return writer.ToString();
    }

    private sealed record BoundOptions(EmailTemplateSet Set, TemplateOptions Options);
}
