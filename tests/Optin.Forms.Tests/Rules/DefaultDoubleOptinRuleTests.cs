using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rules;

/// <summary>CFG-5: a form that asks for double opt-in on a purpose always has something that sends the confirmation.</summary>
public sealed class DefaultDoubleOptinRuleTests
{
    private const string PartnersDeadEnd =
        "OptinForms:Forms:newsletter:DoubleOptin: the form asks for double opt-in on 'partners' and no enabled FormSubmitted rule sends " +
        "SendDoubleOptinEmail for it; the built-in rule that would send the 'double-optin' email needs OptinForms:BaseUrl and " +
        "OptinForms:Mail:From (CFG-5)";

    [Fact]
    [Trait("Requirement", "CFG-5")]
    public async Task SubmitAsync_PurposeNoRuleConfirms_BuiltInRuleSendsTheConfirmation()
    {
        // The sample's rules confirm 'newsletter' only; the newsletter form also collects 'partners'.
        using var flow = Flow.Start();
        var post = Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.partners", "true"));
        var result = await flow.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default);
        await flow.RunAsync();

        Assert.True(result.Succeeded);
        var job = Assert.Single(await flow.JobsAsync());
        Assert.Equal("built-in:double-optin:newsletter:partners", job.RuleName);
        Assert.Equal("partners", job.PurposeId);
        var message = Assert.Single(flow.Mail.Messages);
        Assert.Equal("Confirmez votre inscription", message.Subject);
        Assert.Equal(Optin.Forms.Contacts.OptinState.PendingConfirmation,
            (await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default))!.GetState("partners"));
        Assert.Equal(Optin.Forms.DoubleOptin.TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(message), Flow.Visitor, default));
        Assert.Equal(Optin.Forms.Contacts.OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(result.ContactId.Value, default))!.GetState("partners"));
    }

    [Fact]
    [Trait("Requirement", "CFG-5")]
    public async Task SubmitAsync_RuleConfirmsThePurpose_NoBuiltInRuleAdded()
    {
        using var flow = Flow.Start();
        await flow.SubmitAsync();
        await flow.RunAsync();

        Assert.Single(flow.Mail.Messages);
        Assert.DoesNotContain(await flow.JobsAsync(), j => j.RuleName?.StartsWith("built-in:", StringComparison.Ordinal) == true);
    }

    [Fact]
    [Trait("Requirement", "CFG-5")]
    public async Task SubmitAsync_ConfirmingRuleDisabled_BuiltInRuleTakesOver()
    {
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:Rules:0:Enabled"] = "false";
            s["OptinForms:Rules:1:Enabled"] = "false";
        });
        await flow.SubmitAsync();
        await flow.RunAsync();

        Assert.Single(flow.Mail.Messages);
        // The newsletter form's two purposes are both uncovered now: one built-in rule, one email for those ticked (#18).
        Assert.Contains(await flow.JobsAsync(), j => j.RuleName == "built-in:double-optin:newsletter");
    }

    [Fact]
    [Trait("Requirement", "CFG-5")]
    public void Start_PurposeNoRuleConfirmsAndNoMailSettings_FailsWithTheFormPath()
    {
        var settings = Flow.Settings();
        settings.Remove("OptinForms:Mail:From");
        foreach (var key in settings.Keys.Where(k => k.StartsWith("OptinForms:Rules:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        using var services = Some.Services(out _, settings);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Contains(PartnersDeadEnd, ex.Failures);
        Assert.Contains(ex.Failures, f => f.StartsWith("OptinForms:Forms:contact:DoubleOptin: the form asks for double opt-in on 'newsletter'", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CFG-5")]
    public void Start_FormWithoutDoubleOptin_NeedsNoRule()
    {
        var settings = Flow.Settings();
        settings.Remove("OptinForms:Mail:From");
        foreach (var key in settings.Keys.Where(k => k.StartsWith("OptinForms:Rules:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        settings["OptinForms:Forms:newsletter:DoubleOptin"] = "false";
        settings["OptinForms:Forms:contact:DoubleOptin"] = "false";
        // A form without double opt-in asks only for purposes that are not marketing (DOI-1).
        foreach (var key in settings.Keys.Where(k => k.EndsWith(":Marketing", StringComparison.Ordinal)).ToList())
        {
            settings[key] = "false";
        }

        using var services = Some.Services(out _, settings);

        Assert.Equal(2, services.GetRequiredService<IOptions<OptinFormsOptions>>().Value.Forms.Count);
    }

    [Fact]
    [Trait("Requirement", "CFG-5")]
    public void Start_RuleForAnotherFormOnly_DoesNotCoverThisForm()
    {
        var settings = Flow.Settings();
        settings.Remove("OptinForms:Mail:From");
        foreach (var key in settings.Keys.Where(k => k.StartsWith("OptinForms:Rules:", StringComparison.Ordinal)).ToList())
        {
            settings.Remove(key);
        }

        settings["OptinForms:Rules:0:Name"] = "contact-only";
        settings["OptinForms:Rules:0:When"] = "FormSubmitted";
        settings["OptinForms:Rules:0:If:FormIs"] = "contact";
        settings["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
        settings["OptinForms:Rules:0:Then:0:Args:Purpose"] = "newsletter";
        using var services = Some.Services(out _, settings);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.StartsWith("OptinForms:Forms:newsletter:DoubleOptin: the form asks for double opt-in on 'newsletter'", StringComparison.Ordinal));
        Assert.DoesNotContain(ex.Failures, f => f.StartsWith("OptinForms:Forms:contact:", StringComparison.Ordinal));
    }
}
