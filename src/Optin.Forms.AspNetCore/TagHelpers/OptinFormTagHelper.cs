using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Endpoints;
using Optin.Forms.AspNetCore.Http;

namespace Optin.Forms.AspNetCore.TagHelpers;

/// <summary>
/// Renders a configured form in a Razor Pages or MVC view: <c>&lt;optin-form id="newsletter" /&gt;</c>
/// (after <c>@addTagHelper *, Optin.Forms.AspNetCore</c>). The markup is the same as on the built-in pages; it posts
/// to <c>/optin/forms/{id}</c>.
/// </summary>
[HtmlTargetElement("optin-form", TagStructure = TagStructure.WithoutEndTag)]
public sealed class OptinFormTagHelper : TagHelper
{
    /// <summary>The form id (<c>OptinForms:Forms:{id}</c>).</summary>
    [HtmlAttributeName("id")]
    public string? FormId { get; set; }

    /// <summary>The culture to show the form in; by default the <c>culture</c> query value or <c>Accept-Language</c>.</summary>
    [HtmlAttributeName("culture")]
    public string? Culture { get; set; }

    /// <summary>A local (or allow-listed) page to go to after a successful post, instead of the form's success page.</summary>
    [HtmlAttributeName("return-url")]
    public string? ReturnUrl { get; set; }

    /// <summary>The view context (set by Razor).</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext? ViewContext { get; set; }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var http = ViewContext?.HttpContext ?? throw new InvalidOperationException("The optin-form tag helper needs a view context.");
        output.TagName = null;
        output.Content.SetHtmlContent(await RenderAsync(http, FormId, Culture, ReturnUrl));
    }

    internal static Task<string> RenderAsync(HttpContext http, string? formId, string? culture, string? returnUrl)
    {
        var handler = http.RequestServices.GetRequiredService<FormPostHandler>();
        var catalog = handler.Catalog;
        var form = catalog.FindForm(formId ?? string.Empty)
            ?? throw new InvalidOperationException($"<optin-form id=\"{formId}\">: no form has this id (OptinForms:Forms).");
        var shown = CultureResolver.Resolve(http, catalog, culture);
        return handler.RenderFormAsync(http, form, shown, http.Request.Path.Value, returnUrl);
    }
}
