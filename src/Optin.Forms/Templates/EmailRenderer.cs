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
    private readonly TemplateOptions _options;

    /// <summary>The engine's renderer: the templates of the configuration in force, recompiled when it reloads.</summary>
    public EmailRenderer(IFormCatalogProvider catalogs, IOptions<OptinFormsOptions> options, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        var templates = new CatalogBound<EmailTemplateSet>(catalogs, o => EmailTemplateCompiler.Compile(o, []), () => options.Value);
        _templates = () => templates.Value;
        _options = FluidEngine.CreateOptions(clock);
    }

    internal EmailRenderer(EmailTemplateSet templates, IClock clock)
    {
        _templates = () => templates;
        _options = FluidEngine.CreateOptions(clock);
    }

    public EmailTemplateSet Templates => _templates();

    /// <exception cref="InvalidOperationException">The template does not exist, or the output is too large.</exception>
    public async ValueTask<RenderedEmail> RenderAsync(string templateId, string? culture, EmailModel model)
    {
        var template = Templates.Find(templateId, culture)
            ?? throw new InvalidOperationException($"The email template '{templateId}' does not exist.");
        var subject = await RenderPartAsync(template.Subject, NullEncoder.Default, model);
        var html = await RenderPartAsync(template.Html, FluidEngine.Html, model);
        var text = await RenderPartAsync(template.Text, NullEncoder.Default, model);
        return new RenderedEmail(template.Id, template.Culture, subject.Trim(), html, text, template.Marketing, template.Sha256)
        {
            TemplateSources = template.Sources,
        };
    }

    private async ValueTask<string> RenderPartAsync(IFluidTemplate template, TextEncoder encoder, EmailModel model)
    {
        var context = new TemplateContext(model, _options);
        using var writer = new BoundedStringWriter(FluidEngine.MaxOutputChars);
        await template.RenderAsync(writer, encoder, context);
        return writer.ToString();
    }
}
