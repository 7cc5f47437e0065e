using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Rights;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Rights;

/// <summary>The rights features end to end on an EF Core store: the runner's "email sent" entries, restriction, erasure.</summary>
public abstract class RightsFlowTests
{
    private protected abstract Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings);

    [Fact]
    [Trait("Requirement", "DOI-10")]
    [Trait("Requirement", "DSR-2")]
    public async Task SignUpRestrictLiftAndErase_OnTheStore_RecordsTheChainAndSendsNothingAfterErasure()
    {
        var settings = Some.Settings();
        settings["OptinForms:Mail:From"] = "Atelier Dupont <bonjour@atelier-dupont.example>";
        settings["OptinForms:Rules:0:Name"] = "double-opt-in";
        settings["OptinForms:Rules:0:When"] = "FormSubmitted";
        settings["OptinForms:Rules:0:If:ConsentGiven"] = "newsletter";
        settings["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
        settings["OptinForms:Rules:0:Then:0:Args:Purpose"] = "newsletter";
        await using var host = await CreateHostAsync(b => b.UseInMemoryMailSender(), settings);
        var services = host.Services;
        var mail = services.GetRequiredService<InMemoryMailSender>();
        var rights = services.GetRequiredService<PersonalDataService>();
        var runner = services.GetRequiredService<JobRunner>();
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var post = Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("firstName", "Jean"), ("consent.newsletter", "true"));
        var contactId = (await pipeline.SubmitAsync(post, default)).ContactId!.Value;

        Assert.Equal(1, await runner.RunDueJobsAsync(default));
        var sent = Assert.Single(await host.Store.Ledger.ReadAsync(contactId, default).ToListAsync(), e => e.Kind == ConsentEventKind.EmailSent);
        Assert.Equal(Assert.Single(mail.Messages).MessageId, sent.MessageId);
        Assert.Equal("double-optin", sent.TemplateId);
        Assert.Equal(64, sent.TemplateSha256!.Length);

        Assert.True((await rights.SetRestrictionAsync(contactId, true, "dpo", "Art. 18", default)).Succeeded);
        Assert.True((await services.GetRequiredService<Optin.Forms.DoubleOptin.DoubleOptinRequestService>()
            .RequestAsync(contactId, "partners", "fr", default)).Succeeded);
        await pipeline.SubmitAsync(post, default);
        Assert.Equal(0, await runner.RunDueJobsAsync(default));
        Assert.True((await rights.SetRestrictionAsync(contactId, false, "dpo", "verified", default)).Succeeded);

        using (var evidence = new MemoryStream())
        {
            Assert.True(await services.GetRequiredService<EvidenceService>().WriteEvidenceJsonAsync(contactId, evidence, default));
            using var json = JsonDocument.Parse(evidence.ToArray());
            Assert.Equal(["Given", "EmailSent", "ProcessingRestricted", "Given", "RestrictionLifted"],
                json.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("kind").GetString()!).ToArray());
        }

        await services.GetRequiredService<Optin.Forms.DoubleOptin.DoubleOptinRequestService>().RequestAsync(contactId, "partners", "fr", default);
        var report = await rights.EraseAsync(contactId, "dpo", ErasureReason.DataSubjectRequest, "DPO-17", default);

        Assert.NotNull(report);
        Assert.Equal(1, report.Removed["jobsCancelled"]);
        Assert.Equal(2, report.Removed["submissions"]);
        Assert.Equal(1, report.Removed["tokens"]);
        Assert.Equal(0, await runner.RunDueJobsAsync(default));
        Assert.Single(mail.Messages);
        Assert.Equal(ConsentEventKind.Erased, Assert.Single(await host.Store.Ledger.ReadAsync(contactId, default).ToListAsync()).Kind);
        Assert.Null(await host.Store.Contacts.FindAsync(contactId, default));

        // DSR-5: the finished jobs keep action, status and Message-ID; their payloads lose the submission and the culture.
        var jobs = await host.Store.Jobs.ListJobsAsync(contactId, default).ToListAsync();
        var done = Assert.Single(jobs, j => j.Status == JobStatus.Done);
        Assert.Equal(Assert.Single(mail.Messages).MessageId, done.MessageId?.Trim('<', '>'));
        Assert.All(jobs, j => Assert.DoesNotContain("submissionId", j.Payload, StringComparison.OrdinalIgnoreCase));
        Assert.All(jobs, j => Assert.DoesNotContain("culture", j.Payload, StringComparison.OrdinalIgnoreCase));
        var tombstone = await rights.FindTombstoneAsync(contactId, default);
        Assert.Equal((ErasureReason.DataSubjectRequest, "DPO-17", "dpo"), (tombstone!.Reason, tombstone.Reference, tombstone.Actor));
    }

    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task Erase_AfterAQuoteRequest_ListsTheSalesNotificationAndTheWebhookFromTheJobHistory_NotThePersonsOwnAddress()
    {
        using var listener = new System.Net.HttpListener();
        var port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/crm/");
        listener.Start();
        var answering = Task.Run(async () =>
        {
            while (listener.IsListening)
            {
                var context = await listener.GetContextAsync();
                context.Response.StatusCode = 204;
                context.Response.Close();
            }
        });
        var settings = Some.Settings();
        settings["OptinForms:Rules:0:Name"] = "double-opt-in";
        settings["OptinForms:Rules:0:When"] = "FormSubmitted";
        settings["OptinForms:Rules:0:If:ConsentGiven"] = "newsletter";
        settings["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
        settings["OptinForms:Rules:0:Then:0:Args:Purpose"] = "newsletter";
        settings["OptinForms:Rules:1:Name"] = "notify-sales";
        settings["OptinForms:Rules:1:When"] = "FormSubmitted";
        settings["OptinForms:Rules:1:Forms:0"] = "contact";
        settings["OptinForms:Rules:1:Then:0:Action"] = "SendEmail";
        settings["OptinForms:Rules:1:Then:0:Args:Template"] = "owner-notification";
        settings["OptinForms:Rules:1:Then:0:Args:To"] = "ventes@atelier-dupont.example";
        settings["OptinForms:Rules:1:Then:1:Action"] = "Webhook";
        settings["OptinForms:Rules:1:Then:1:Args:Url"] = $"http://127.0.0.1:{port}/crm/hook?key=s3cret-in-the-url";
        settings["OptinForms:Rules:1:Then:1:Args:Secret"] = "s3cret";
        await using var host = await CreateHostAsync(b => b.UseInMemoryMailSender(), settings);
        var services = host.Services;
        var mail = services.GetRequiredService<InMemoryMailSender>();
        var runner = services.GetRequiredService<JobRunner>();
        var post = Some.Post("contact", ("email", "jean.dupont@exemple.fr"), ("message", "Un devis pour 40 chaises"), ("consent.newsletter", "true"));
        var contactId = (await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default)).ContactId!.Value;

        Assert.Equal(3, await runner.RunDueJobsAsync(default));
        listener.Stop();
        Assert.Equal(2, mail.Messages.Count); // the double opt-in to the person, the notification to the sales team
        var report = await services.GetRequiredService<PersonalDataService>().EraseAsync(contactId, "dpo", ErasureReason.DataSubjectRequest, null, default);

        Assert.NotNull(report);
        Assert.Equal(
            [("ventes@atelier-dupont.example", "SendEmail", 1), ($"http://127.0.0.1:{port}", "Webhook", 1)],
            report.DisclosedTo.Select(d => (d.Recipient, d.Action, d.Count)).OrderBy(d => d.Action, StringComparer.Ordinal).ToArray());
        Assert.DoesNotContain(report.DisclosedTo, d => d.Recipient.Contains("exemple.fr", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(report.DisclosedTo, d => d.Recipient.Contains("s3cret", StringComparison.Ordinal));
        var history = await host.Store.Jobs.ListJobsAsync(contactId, default).ToListAsync();
        Assert.Null(history.Single(j => j.Action == "SendDoubleOptinEmail").Recipient);
    }

    private static int FreePort()
    {
        using var socket = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        socket.Start();
        return ((System.Net.IPEndPoint)socket.LocalEndpoint).Port;
    }
}
