using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DoubleOptin;

public sealed class DoubleOptinFlowTests
{
    [Fact]
    [Trait("Requirement", "DOI-1")]
    [Trait("Requirement", "DOI-2")]
    [Trait("Requirement", "DOI-3")]
    [Trait("Requirement", "WD-1")]
    public async Task Submit_ThenJobsAndConfirmation_SendsConfirmationThenWelcome()
    {
        using var flow = Flow.Start();
        var result = await flow.SubmitAsync();

        Assert.Empty(flow.Mail.Messages);
        Assert.Equal(1, await flow.RunAsync());
        var doi = Assert.Single(flow.Mail.Messages);
        var job = (await flow.JobsAsync()).Single(j => j.Status == JobStatus.Done);
        Assert.Equal(job.MessageId, doi.MessageId);
        Assert.Equal("jean.dupont@exemple.fr", doi.To.Mailboxes.Single().Address);
        Assert.Equal("bonjour@atelier-dupont.example", doi.From.Mailboxes.Single().Address);
        Assert.Equal("Confirmez votre inscription", doi.Subject);
        Assert.Equal(Some.Now.ToDateTimeOffset(), doi.Date);
        Assert.Null(doi.Headers[HeaderId.ListUnsubscribe]);
        Assert.DoesNotContain("Jean", doi.HtmlBody, StringComparison.Ordinal);

        var token = Flow.ConfirmToken(doi);
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.InspectAsync(token, TokenKind.Confirm, default));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.InspectAsync(token, TokenKind.Confirm, default));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.InspectAsync(token, TokenKind.Unsubscribe, default));
        flow.Advance(Duration.FromMinutes(5));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));

        var contact = await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default);
        Assert.Equal(OptinState.OptedIn, contact!.GetState("newsletter"));
        var confirmed = (await flow.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync()).Single(e => e.Kind == ConsentEventKind.Confirmed);
        Assert.Equal("198.51.100.0", confirmed.IpAddress);
        Assert.Equal("Mozilla/5.0 (confirm)", confirmed.UserAgent);
        Assert.Equal(ConsentMethod.EmailLink, confirmed.Method);

        Assert.Equal(1, await flow.RunAsync());
        var welcome = flow.Mail.Messages[1];
        Assert.Equal("Bienvenue, Jean !", welcome.Subject);
        Assert.StartsWith("<https://example.test/optin/unsubscribe/", welcome.Headers[HeaderId.ListUnsubscribe], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", welcome.Headers["List-Unsubscribe-Post"]);
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(Flow.UnsubscribeToken(welcome), Flow.Visitor, default));
    }

    [Fact]
    [Trait("Requirement", "DOI-3")]
    public async Task ConfirmAsync_AfterTokenLifetime_IsInvalidAndChangesNothing()
    {
        using var flow = Flow.Start();
        var result = await flow.SubmitAsync();
        await flow.RunAsync();
        var token = Flow.ConfirmToken(flow.Mail.Messages[0]);

        flow.Advance(Duration.FromDays(7));

        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));
        var contact = await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default);
        Assert.Equal(OptinState.PendingConfirmation, contact!.GetState("newsletter"));
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync("not-a-token", Flow.Visitor, default));
    }

    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task Reminder_AfterThreeDaysUnconfirmed_ResendsOnceWithFreshToken()
    {
        using var flow = Flow.Start();
        await flow.SubmitAsync();
        await flow.RunAsync();
        Assert.Equal(0, await flow.RunAsync());

        flow.Advance(Duration.FromDays(3));
        Assert.Equal(1, await flow.RunAsync());

        Assert.Equal(2, flow.Mail.Messages.Count);
        Assert.NotEqual(flow.Mail.Messages[0].MessageId, flow.Mail.Messages[1].MessageId);
        Assert.NotEqual(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.ConfirmToken(flow.Mail.Messages[1]));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[1]), Flow.Visitor, default));
    }

    [Fact]
    [Trait("Requirement", "DOI-8")]
    public async Task Reminder_AfterConfirmation_IsSkippedWithoutEmail()
    {
        using var flow = Flow.Start();
        await flow.SubmitAsync();
        await flow.RunAsync();
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);
        await flow.RunAsync();

        flow.Advance(Duration.FromDays(3));
        Assert.Equal(1, await flow.RunAsync());

        Assert.Equal(2, flow.Mail.Messages.Count);
        var reminder = (await flow.JobsAsync()).Single(j => j.RuleName == "remind-once");
        Assert.Equal(JobStatus.Skipped, reminder.Status);
    }

    [Fact]
    [Trait("Requirement", "DOI-8")]
    public async Task Submit_AlreadyConfirmedAddress_SendsNothingAndAnswersAlike()
    {
        using var flow = Flow.Start();
        var first = await flow.SubmitAsync();
        await flow.RunAsync();
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);
        await flow.RunAsync();
        flow.Mail.Clear();

        var again = await flow.SubmitAsync("Jean.Dupont@Exemple.FR");
        await flow.RunAsync();

        Assert.Empty(flow.Mail.Messages);
        Assert.Equal(first.Succeeded, again.Succeeded);
        Assert.Equal(first.ConsentsGiven.ToArray(), again.ConsentsGiven.ToArray());
        Assert.Contains(await flow.JobsAsync(), j => j.Status == JobStatus.Skipped && j.LastError!.Contains("DOI-8", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task Submit_FourTimes_SendsAtMostThreePerPendingRecord()
    {
        using var flow = Flow.Start();
        for (var i = 0; i < 4; i++)
        {
            await flow.SubmitAsync();
        }

        await flow.RunAsync();

        Assert.Equal(3, flow.Mail.Messages.Count);
        Assert.Contains(await flow.JobsAsync(), j => j.Status == JobStatus.Skipped && j.LastError!.Contains("per pending record", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task Submit_ManyAddressesOneDay_CapsPerAddressAcrossForms()
    {
        using var flow = Flow.Start(s => s["OptinForms:DoubleOptin:MaxSendsPerPending"] = "10");
        for (var i = 0; i < 4; i++)
        {
            await flow.SubmitAsync();
            await flow.SubmitAsync(form: "contact");
        }

        await flow.RunAsync();

        Assert.Equal(5, flow.Mail.Messages.Count(m => m.To.Mailboxes.Single().Address == "jean.dupont@exemple.fr"));
        flow.Advance(Duration.FromDays(1));
        await flow.SubmitAsync();
        await flow.RunAsync();
        Assert.Equal(6, flow.Mail.Messages.Count(m => m.To.Mailboxes.Single().Address == "jean.dupont@exemple.fr"));
    }

    [Fact]
    public async Task Submit_InEnglish_ConfirmationAndWelcomeAreInEnglish()
    {
        using var flow = Flow.Start();
        await flow.SubmitAsync(culture: "en-GB");
        await flow.RunAsync();
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);
        await flow.RunAsync();

        Assert.Equal(["Please confirm your subscription", "Welcome, Jean!"], flow.Mail.Messages.Select(m => m.Subject ?? string.Empty).ToArray());
        Assert.Contains(Some.PurposeEn, flow.Mail.Messages[0].TextBody, StringComparison.Ordinal);
    }
}
