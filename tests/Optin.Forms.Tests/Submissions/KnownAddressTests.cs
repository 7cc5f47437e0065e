using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

/// <summary>ABU-5: a post for a known address changes nothing stored about that person until the address is proved.</summary>
public sealed class KnownAddressTests
{
    private const string Spam = "https://spam.example/gagnez";

    /// <summary>The sample's rules plus a marketing email to confirmed subscribers on each newsletter post.</summary>
    private static Flow StartWithThanks() => Flow.Start(s =>
    {
        s["OptinForms:Rules:4:Name"] = "thanks-subscriber";
        s["OptinForms:Rules:4:When"] = "FormSubmitted";
        s["OptinForms:Rules:4:Forms:0"] = "newsletter";
        s["OptinForms:Rules:4:If:OptinState:newsletter"] = "OptedIn";
        s["OptinForms:Rules:4:Then:0:Action"] = "SendEmail";
        s["OptinForms:Rules:4:Then:0:Args:Template"] = "welcome";
        s["OptinForms:Rules:4:Then:0:Args:Purpose"] = "newsletter";
    });

    private static Task<SubmissionResult> PostAsync(Flow flow, string form, params (string, string?)[] values) =>
        flow.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(Some.Post(form, values), default).AsTask();

    private static string Text(MimeMessage m) => $"{m.Subject}\n{m.TextBody}\n{m.HtmlBody}";

    [Fact]
    [Trait("Requirement", "ABU-5")]
    public async Task Submit_SpamFirstNameForAConfirmedAddress_FieldsAndActivityUnchangedAndNoEmailCarriesIt()
    {
        using var flow = StartWithThanks();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default));
        await flow.RunAsync();
        Assert.Equal("Bienvenue, Jean !", flow.Mail.Messages[^1].Subject);
        flow.Advance(Duration.FromDays(30));
        var before = await flow.Store.Contacts.FindAsync(contactId, default);
        var sentBefore = flow.Mail.Messages.Count;

        var attack = await PostAsync(flow, "newsletter", ("email", "jean.dupont@exemple.fr"), ("firstName", Spam), ("consent.newsletter", "true"));
        flow.Advance(Duration.FromMinutes(1));
        await flow.RunAsync();

        Assert.True(attack.Succeeded);
        Assert.Equal(contactId, attack.ContactId);
        var after = await flow.Store.Contacts.FindAsync(contactId, default);
        Assert.Equal(before!.Fields, after!.Fields);
        Assert.Equal("Jean", after.Fields["firstName"]);
        Assert.Equal(before.LastActivityAt, after.LastActivityAt);
        Assert.Equal(OptinState.OptedIn, after.GetState("newsletter"));
        // The values stay with the submission.
        Assert.Equal(Spam, (await flow.Store.Submissions.FindAsync(attack.SubmissionId!.Value, default))!.Values["firstName"]);
        // The next marketing email to the person greets them with what they gave, not with the post's text.
        var next = Assert.Single(flow.Mail.Messages.Skip(sentBefore));
        Assert.Equal("Bienvenue, Jean !", next.Subject);
        Assert.All(flow.Mail.Messages, m => Assert.DoesNotContain("spam.example", Text(m), StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "ABU-5")]
    public async Task Confirm_PendingSignUpOfAKnownContact_AppliesThatSubmissionsValuesAndMovesActivity()
    {
        using var flow = Flow.Start();
        var quote = await PostAsync(flow, "contact", ("email", "marie.martin@exemple.fr"), ("message", "Un devis pour une table ?"));
        await flow.RunAsync();
        var sentBefore = flow.Mail.Messages.Count;
        flow.Advance(Duration.FromDays(2));

        var signUp = await PostAsync(flow, "newsletter", ("email", "marie.martin@exemple.fr"), ("firstName", "Marie"), ("consent.newsletter", "true"));
        var pending = await flow.Store.Contacts.FindAsync(quote.ContactId!.Value, default);
        Assert.Equal(quote.ContactId, signUp.ContactId);
        Assert.False(pending!.Fields.ContainsKey("firstName"));
        Assert.Equal(Some.Now, pending.LastActivityAt);
        await flow.RunAsync();
        var doi = Assert.Single(flow.Mail.Messages.Skip(sentBefore));
        Assert.DoesNotContain("Marie", Text(doi), StringComparison.Ordinal);

        flow.Advance(Duration.FromHours(1));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));

        var confirmed = await flow.Store.Contacts.FindAsync(quote.ContactId.Value, default);
        Assert.Equal("Marie", confirmed!.Fields["firstName"]);
        Assert.Equal("Un devis pour une table ?", confirmed.Fields["message"]);
        Assert.False(confirmed.Fields.ContainsKey("email"));
        Assert.Equal(flow.Clock.GetCurrentInstant(), confirmed.LastActivityAt);
        await flow.RunAsync();
        Assert.Equal("Bienvenue, Marie !", flow.Mail.Messages[^1].Subject);
    }

    [Fact]
    [Trait("Requirement", "ABU-5")]
    public async Task Submit_QuoteRequestFromAKnownContact_OwnerSeesTheRequestAndTheContactStaysAsItWas()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        var sentBefore = flow.Mail.Messages.Count;

        await PostAsync(flow, "contact", ("email", "jean.dupont@exemple.fr"), ("message", "Un devis pour une armoire ?"));
        await flow.RunAsync();

        var notification = Assert.Single(flow.Mail.Messages.Skip(sentBefore));
        Assert.Equal("ventes@atelier-dupont.example", notification.To.Mailboxes.Single().Address);
        Assert.Contains("Un devis pour une armoire ?", notification.TextBody, StringComparison.Ordinal);
        var contact = await flow.Store.Contacts.FindAsync(contactId, default);
        Assert.False(contact!.Fields.ContainsKey("message"));
        Assert.Equal(Some.Now, contact.LastActivityAt);
        Assert.Contains(await flow.JobsAsync(), j => j.RuleName == "notify-sales" && j.Status == JobStatus.Done);
    }

    [Fact]
    [Trait("Requirement", "ABU-5")]
    public async Task Submit_KnownContact_FieldConditionsOnFormSubmittedReadThePostedValues()
    {
        using var flow = Flow.Start(s =>
        {
            s["OptinForms:Rules:4:Name"] = "quote-desk";
            s["OptinForms:Rules:4:When"] = "FormSubmitted";
            s["OptinForms:Rules:4:If:FieldMatches:message"] = "(?i)devis";
            s["OptinForms:Rules:4:Then:0:Action"] = "AddTag";
            s["OptinForms:Rules:4:Then:0:Args:Tag"] = "quote";
        });
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;

        await PostAsync(flow, "contact", ("email", "jean.dupont@exemple.fr"), ("message", "Un devis pour une armoire ?"));
        await PostAsync(flow, "contact", ("email", "jean.dupont@exemple.fr"), ("message", "Une question sur vos horaires"));

        Assert.Single(await flow.JobsAsync(), j => j.RuleName == "quote-desk");
        await flow.RunAsync();
        Assert.Contains("quote", (await flow.Store.Contacts.FindAsync(contactId, default))!.Tags);
    }
}
