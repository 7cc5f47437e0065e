using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Templates;

/// <summary>WD-1: an owner's template never turns marketing mail into mail without List-Unsubscribe.</summary>
public sealed class MarketingTemplateTests
{
    private const string Html = "<p>Bienvenue !</p><p><a href=\"{{ UnsubscribeUrl }}\">Se désinscrire</a></p>";

    private static async Task<MimeMessage> WelcomeAfterConfirmationAsync(Flow flow)
    {
        await flow.SubmitAsync();
        await flow.RunAsync();
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);
        await flow.RunAsync();
        Assert.Equal(2, flow.Mail.Messages.Count);
        return flow.Mail.Messages[1];
    }

    private static void AssertMarketingHeaders(MimeMessage message)
    {
        Assert.Matches(@"^<https://example\.test/optin/unsubscribe/[A-Za-z0-9_-]{43}>$", message.Headers[HeaderId.ListUnsubscribe]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    public async Task Welcome_OwnerOverrideWithoutMarketingKey_StaysMarketingWithListUnsubscribe()
    {
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:Templates:welcome:Subject"] = "Bienvenue chez Atelier Dupont";
            s["OptinForms:Templates:welcome:Html"] = Html;
            s["OptinForms:Templates:welcome:Text"] = "Bienvenue ! Se désinscrire : {{ UnsubscribeUrl }}";
        });

        var welcome = await WelcomeAfterConfirmationAsync(flow);

        Assert.Equal("Bienvenue chez Atelier Dupont", welcome.Subject);
        AssertMarketingHeaders(welcome);
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    public void Start_WelcomeOverrideWithoutMarketingKeyOrLink_FailsLikeAnyMarketingTemplate()
    {
        var settings = Flow.Settings();
        settings["OptinForms:Templates:welcome:Subject"] = "Bienvenue";
        settings["OptinForms:Templates:welcome:Html"] = "<p>Bienvenue !</p>";
        settings["OptinForms:Templates:welcome:Text"] = "Bienvenue !";
        using var services = Some.Services(out _, settings);

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Contains("OptinForms:Templates:welcome:Html: a marketing email shows a visible unsubscribe link ({{ UnsubscribeUrl }}) in every culture; '*' does not (WD-1)",
            ex.Failures);
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    public async Task SendEmail_ExplicitlyPlainTemplateForMarketingPurpose_IsSentAsMarketing()
    {
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:Templates:merci:Marketing"] = "false";
            s["OptinForms:Templates:merci:Subject"] = "Merci";
            s["OptinForms:Templates:merci:Html"] = Html;
            s["OptinForms:Templates:merci:Text"] = "Merci ! {{ UnsubscribeUrl }}";
            s["OptinForms:Rules:2:Then:0:Args:Template"] = "merci";
        });

        var welcome = await WelcomeAfterConfirmationAsync(flow);

        Assert.Equal("Merci", welcome.Subject);
        AssertMarketingHeaders(welcome);
        Assert.Contains("/optin/unsubscribe/", welcome.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    public void Start_PlainTemplateWithoutLinkForMarketingPurpose_FailsWithTheRulePath()
    {
        var settings = Flow.Settings();
        settings["OptinForms:Templates:merci:Marketing"] = "false";
        settings["OptinForms:Templates:merci:Subject"] = "Merci";
        settings["OptinForms:Templates:merci:Html"] = "<p>Merci !</p>";
        settings["OptinForms:Templates:merci:Text"] = "Merci !";
        settings["OptinForms:Rules:2:Then:0:Args:Template"] = "merci";
        using var services = Some.Services(out _, settings);

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Contains("OptinForms:Rules[welcome] (position 2):Then:0:Args:Template: 'merci' is sent for the marketing purpose 'newsletter', so it is marketing mail and " +
            "shows a visible unsubscribe link ({{ UnsubscribeUrl }}) in every culture; '*' does not (WD-1)", ex.Failures);
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    public void Start_PlainTemplateWithoutLinkOnAnyConfirmation_FailsWithTheRulePath()
    {
        var settings = Flow.Settings();
        settings["OptinForms:Templates:merci:Marketing"] = "false";
        settings["OptinForms:Templates:merci:Subject"] = "Merci";
        settings["OptinForms:Templates:merci:Html"] = "<p>Merci !</p>";
        settings["OptinForms:Templates:merci:Text"] = "Merci !";
        settings["OptinForms:Rules:4:Name"] = "thanks";
        settings["OptinForms:Rules:4:When"] = "OptinConfirmed";
        settings["OptinForms:Rules:4:Then:0:Action"] = "SendEmail";
        settings["OptinForms:Rules:4:Then:0:Args:Template"] = "merci";
        using var services = Some.Services(out _, settings);

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Contains("OptinForms:Rules[thanks] (position 4):Then:0:Args:Template: 'merci' is sent for the marketing purpose 'newsletter', so it is marketing mail and " +
            "shows a visible unsubscribe link ({{ UnsubscribeUrl }}) in every culture; '*' does not (WD-1)", ex.Failures);
    }

    [Fact]
    [Trait("Requirement", "WD-1")]
    public async Task SendEmail_PlainTemplateToAFixedAddress_StaysPlain()
    {
        using var flow = Flow.Start();
        await flow.SubmitAsync(form: "contact");
        await flow.RunAsync();

        var notification = Assert.Single(flow.Mail.Messages, m => m.To.Mailboxes.Single().Address == "ventes@atelier-dupont.example");
        Assert.Null(notification.Headers[HeaderId.ListUnsubscribe]);
    }
}
