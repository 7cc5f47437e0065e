using System.Text.RegularExpressions;
using MimeKit;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Mail;

/// <summary>Every link the engine writes in its emails starts with OptinForms:BaseUrl and OptinForms:PathPrefix.</summary>
public sealed class PathPrefixLinkTests
{
    [Theory]
    [InlineData("/consent", "https://example.test/consent/")]
    [InlineData("/consent/", "https://example.test/consent/")]
    [InlineData("/", "https://example.test/")]
    [Trait("Requirement", "SEC-7")]
    public async Task Emails_PathPrefixConfigured_ConfirmAndUnsubscribeLinksUseIt(string prefix, string expected)
    {
        using var flow = Flow.Start(s => s["OptinForms:PathPrefix"] = prefix);
        await flow.SubmitAsync();
        await flow.RunAsync();
        var confirmation = Assert.Single(flow.Mail.Messages);
        var confirm = Regex.Match(confirmation.TextBody ?? string.Empty, @"https://\S+/confirm/([A-Za-z0-9_-]{43})");
        await flow.DoubleOptin.ConfirmAsync(confirm.Groups[1].Value, Flow.Visitor, default);
        await flow.RunAsync();
        var welcome = flow.Mail.Messages[1];

        Assert.StartsWith(expected + "confirm/", confirm.Value, StringComparison.Ordinal);
        Assert.Contains(expected + "confirm/", confirmation.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<" + expected + "unsubscribe/", welcome.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
        Assert.Contains(expected + "unsubscribe/", welcome.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(expected + "unsubscribe/", welcome.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/optin/", confirmation.HtmlBody + welcome.HtmlBody + welcome.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_PathPrefixNotLocal_FailsWithItsPath()
    {
        var settings = Flow.Settings();
        settings["OptinForms:PathPrefix"] = "//evil.example";
        using var services = Some.Services(out _, settings);

        var ex = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
                .GetRequiredService<Microsoft.Extensions.Options.IOptions<OptinFormsOptions>>(services).Value);

        Assert.Contains("OptinForms:PathPrefix: '//evil.example' is not a local path such as /optin", ex.Failures);
    }
}
