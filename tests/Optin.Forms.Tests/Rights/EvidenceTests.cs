using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Rights;
using Optin.Forms.Submissions;
using Optin.Forms.Templates;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Rights;

public sealed class EvidenceTests
{
    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task GetEvidenceAsync_AfterSignUpConfirmationAndWelcome_HoldsTheWholeChainInOrder()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        var doi = flow.Mail.Messages[0];
        flow.Advance(Duration.FromMinutes(5));
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default);
        await flow.RunAsync();

        var evidence = await flow.Services.GetRequiredService<EvidenceService>().GetEvidenceAsync(contactId, default);

        Assert.NotNull(evidence);
        Assert.Equal([ConsentEventKind.Given, ConsentEventKind.EmailSent, ConsentEventKind.Confirmed, ConsentEventKind.EmailSent],
            evidence.Events.Select(e => e.Kind).ToArray());
        Assert.Equal(Some.ConsentFr, evidence.Events[0].ConsentText);
        var renderer = flow.Services.GetRequiredService<EmailRenderer>();
        var confirmation = evidence.Events[1];
        Assert.Equal("double-optin", confirmation.TemplateId);
        Assert.Equal(renderer.Templates.Find("double-optin", "fr")!.Sha256, confirmation.TemplateSha256);
        Assert.Equal(doi.MessageId, confirmation.MessageId);
        Assert.Equal(Some.Now, confirmation.OccurredAt);
        Assert.Equal("newsletter", confirmation.PurposeId);
        Assert.Equal(OptinState.PendingConfirmation, confirmation.State);
        var welcome = evidence.Events[3];
        Assert.Equal("welcome", welcome.TemplateId);
        Assert.Equal(flow.Mail.Messages[1].MessageId, welcome.MessageId);
        Assert.Equal(OptinState.OptedIn, welcome.State);
        Assert.Single(evidence.Submissions);
    }

    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task RunDueJobsAsync_TransientFailureThenSuccess_RecordsExactlyOneEmailSentEntry()
    {
        using var flow = Flow.Start(configure: b =>
        {
            b.Services.AddSingleton<ScriptedMailSender>();
            b.UseMailSender<ScriptedMailSender>();
        });
        var sender = flow.Services.GetRequiredService<ScriptedMailSender>();
        sender.Script.Enqueue(() => new MailDeliveryException("421 try later", isPermanent: false, 421));
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;

        await flow.RunAsync();
        Assert.DoesNotContain(await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync(), e => e.Kind == ConsentEventKind.EmailSent);
        flow.Advance(Duration.FromHours(1));
        await flow.RunAsync();

        var sent = Assert.Single(await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync(), e => e.Kind == ConsentEventKind.EmailSent);
        Assert.Equal(Assert.Single(flow.Mail.Messages).MessageId, sent.MessageId);
        Assert.Contains(await flow.JobsAsync(), j => j.Status == JobStatus.Done && j.MessageId == sent.MessageId);
    }

    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task WriteEvidenceJsonAsync_Confirmed_WritesVersionedSchemaWithVerifiedHashes()
    {
        using var flow = Flow.Start();
        var contactId = (await flow.SubmitAsync()).ContactId!.Value;
        await flow.RunAsync();
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);
        using var output = new MemoryStream();

        Assert.True(await flow.Services.GetRequiredService<EvidenceService>().WriteEvidenceJsonAsync(contactId, output, default));

        using var json = JsonDocument.Parse(output.ToArray());
        var root = json.RootElement;
        Assert.Equal("optin.evidence/1", root.GetProperty("schema").GetString());
        Assert.Equal("jean.dupont@exemple.fr", root.GetProperty("contact").GetProperty("email").GetString());
        var events = root.GetProperty("events").EnumerateArray().ToList();
        Assert.Equal(["Given", "EmailSent", "Confirmed"], events.Select(e => e.GetProperty("kind").GetString()!).ToArray());
        Assert.True(events[0].GetProperty("consentTextVerified").GetBoolean());
        Assert.Equal("2026-11-12T09:30:15.123Z", events[0].GetProperty("occurredAt").GetString());
        Assert.Equal(64, events[1].GetProperty("templateSha256").GetString()!.Length);
        Assert.False(root.GetProperty("submissions")[0].TryGetProperty("values", out _));
    }

    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task WriteEvidenceHtmlAsync_HostileUserAgent_IsEncodedAndThePageLoadsNothing()
    {
        using var flow = Flow.Start();
        var post = Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.newsletter", "true"));
        post = post with { Context = post.Context with { UserAgent = "<script>alert('x')</script>" } };
        var contactId = (await flow.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default)).ContactId!.Value;
        using var output = new MemoryStream();

        Assert.True(await flow.Services.GetRequiredService<EvidenceService>().WriteEvidenceHtmlAsync(contactId, output, default));

        var html = Encoding.UTF8.GetString(output.ToArray());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" src=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("J&#x27;accepte de recevoir la lettre d&#x27;information d&#x27;Atelier Dupont par e-mail.", html, StringComparison.Ordinal);
        Assert.Contains("(correspond au texte)", html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "DOI-10")]
    public async Task GetEvidenceAsync_UnknownContact_IsNullAndWritesNothing()
    {
        using var flow = Flow.Start();
        var evidence = flow.Services.GetRequiredService<EvidenceService>();
        using var output = new MemoryStream();

        Assert.Null(await evidence.GetEvidenceAsync(Guid.NewGuid(), default));
        Assert.False(await evidence.WriteEvidenceHtmlAsync(Guid.NewGuid(), output, default));
        Assert.Equal(0, output.Length);
    }
}
