using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.TagHelpers;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

public sealed class TagHelperTests
{
    private static async Task<string> RenderAsync(OptinWebFactory app, string formId, string? culture = null, string? returnUrl = null)
    {
        using var scope = app.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Path = "/contact-us";
        var helper = new OptinFormTagHelper { FormId = formId, Culture = culture, ReturnUrl = returnUrl, ViewContext = new ViewContext { HttpContext = http } };
        var context = new TagHelperContext([], new Dictionary<object, object>(), "id");
        var output = new TagHelperOutput("optin-form", [], (_, _) => Task.FromResult<TagHelperContent>(new DefaultTagHelperContent()));
        await helper.ProcessAsync(context, output);
        Assert.Null(output.TagName);
        return output.Content.GetContent();
    }

    [Fact]
    [Trait("Requirement", "CONS-1")]
    public async Task OptinForm_Newsletter_RendersTheFormWithAnUncheckedConsent()
    {
        using var app = new OptinWebFactory();
        var html = await RenderAsync(app, "newsletter", "en", "/done");

        Assert.StartsWith("<form class=\"optin-form\"", html);
        Assert.Contains("action=\"/optin/forms/newsletter\"", html);
        Assert.Contains("name=\"consent.newsletter\" value=\"true\"", html);
        Assert.DoesNotContain("checked", html);
        Assert.Contains("I agree to receive", html);
        Assert.Contains("name=\"__optin_return\" value=\"/done\"", html);
        Assert.Contains("name=\"__optin_source\" value=\"/contact-us\"", html);
    }

    [Fact]
    public async Task OptinForm_UnknownId_FailsLoudly()
    {
        using var app = new OptinWebFactory();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => RenderAsync(app, "nope"));
        Assert.Contains("optin-form id=\"nope\"", error.Message);
    }
}
