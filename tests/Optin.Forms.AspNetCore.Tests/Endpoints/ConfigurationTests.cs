using Microsoft.Extensions.Options;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Endpoints;

public sealed class ConfigurationTests
{
    [Theory]
    [Trait("Requirement", "CFG-1")]
    [InlineData("OptinForms:Abuse:RateLimiting:PerIpPerMinute", "0", "OptinForms:Abuse:RateLimiting")]
    [InlineData("OptinForms:Abuse:Honeypot", "consent.newsletter", "OptinForms:Abuse:Honeypot")]
    [InlineData("OptinForms:PathPrefix", "//evil", "OptinForms:PathPrefix")]
    public void InvalidWebSettings_StopTheHostAtStart_NamingThePath(string key, string value, string path)
    {
        using var app = new OptinWebFactory((key, value));
        var error = Assert.ThrowsAny<OptionsValidationException>(() => app.Client());
        Assert.Contains(path, error.Message);
    }

    [Fact]
    public async Task PathPrefix_Configured_MovesEveryRoute()
    {
        using var app = new OptinWebFactory(("OptinForms:PathPrefix", "/inscription"));
        var client = app.Client();
        var html = await client.GetStringAsync("/inscription/forms/newsletter");

        Assert.Contains("action=\"/inscription/forms/newsletter\"", html);
        Assert.Contains("href=\"/inscription/assets/optin.css\"", html);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync("/optin/forms/newsletter")).StatusCode);
    }
}
