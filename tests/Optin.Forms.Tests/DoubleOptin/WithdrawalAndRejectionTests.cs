using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DoubleOptin;

public sealed class WithdrawalAndRejectionTests
{
    private static Flow StartWithDigest() => Flow.Start(s =>
    {
        s["OptinForms:Rules:4:Name"] = "digest";
        s["OptinForms:Rules:4:When"] = "OptinConfirmed";
        s["OptinForms:Rules:4:If:Purpose"] = "newsletter";
        s["OptinForms:Rules:4:Then:0:Action"] = "Wait";
        s["OptinForms:Rules:4:Then:0:Args:For"] = "1.00:00:00";
        s["OptinForms:Rules:4:Then:1:Action"] = "SendEmail";
        s["OptinForms:Rules:4:Then:1:Args:Template"] = "welcome";
    });

    [Fact]
    [Trait("Requirement", "WD-4")]
    [Trait("Requirement", "WD-7")]
    public async Task UnsubscribeAsync_WithQueuedMarketingJob_CancelsItAndNothingIsSent()
    {
        using var flow = StartWithDigest();
        var result = await flow.SubmitAsync();
        await flow.RunAsync();
        await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(flow.Mail.Messages[0]), Flow.Visitor, default);
        await flow.RunAsync();
        var unsubscribe = Flow.UnsubscribeToken(flow.Mail.Messages[1]);

        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.InspectAsync(unsubscribe, TokenKind.Unsubscribe, default));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.UnsubscribeAsync(unsubscribe, Flow.Visitor, default));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.UnsubscribeAsync(unsubscribe, Flow.Visitor, default));
        flow.Advance(Duration.FromDays(1));
        await flow.RunAsync();

        Assert.Equal(2, flow.Mail.Messages.Count);
        Assert.Equal(JobStatus.Cancelled, (await flow.JobsAsync()).Single(j => j.RuleName == "digest").Status);
        var contact = await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default);
        Assert.Equal(OptinState.Withdrawn, contact!.GetState("newsletter"));
        var ledger = await flow.Store.Ledger.ReadAsync(contact.Id, default).ToListAsync();
        Assert.Single(ledger, e => e.Kind == ConsentEventKind.Withdrawn);
    }

    [Fact]
    [Trait("Requirement", "DOI-1")]
    [Trait("Requirement", "WD-4")]
    public async Task MarketingJob_ContactNotConfirmed_IsDeadLetteredAndWithdrawnIsSkipped()
    {
        using var flow = Flow.Start();
        var result = await flow.SubmitAsync();
        var jobId = Guid.NewGuid();
        await using (var tx = await flow.Store.BeginTransactionAsync(default))
        {
            await tx.Jobs.EnqueueAsync(new JobRecord
            {
                Id = jobId, Action = "SendEmail", ContactId = result.ContactId, PurposeId = "newsletter",
                Payload = """{"args":{"Template":"welcome","Purpose":"newsletter"}}""", MessageId = "m1@atelier-dupont.example",
                CreatedAt = Some.Now, DueAt = Some.Now,
            }, default);
            await tx.CommitAsync(default);
        }

        await flow.RunAsync();

        var job = await flow.Store.Jobs.FindJobAsync(jobId, default);
        Assert.Equal(JobStatus.DeadLettered, job!.Status);
        Assert.Contains("DOI-1", job.LastError, StringComparison.Ordinal);
        Assert.DoesNotContain(flow.Mail.Messages, m => m.MessageId == "m1@atelier-dupont.example");
    }

    [Fact]
    [Trait("Requirement", "DOI-9")]
    public async Task RejectAsync_ThisWasNotMe_ErasesPendingRecordAndSuppressesAddress()
    {
        using var flow = Flow.Start();
        var result = await flow.SubmitAsync();
        await flow.RunAsync();
        var token = Flow.ConfirmToken(flow.Mail.Messages[0]);

        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.RejectAsync(token, Flow.Visitor, default));

        Assert.Null(await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default));
        Assert.Equal(ConsentEventKind.Erased, Assert.Single(await flow.Store.Ledger.ReadAsync(result.ContactId.Value, default).ToListAsync()).Kind);
        Assert.Equal(JobStatus.Cancelled, (await flow.JobsAsync()).Single(j => j.RuleName == "remind-once").Status);
        Assert.Equal(TokenStatus.Invalid, await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default));

        await flow.SubmitAsync();
        await flow.RunAsync();
        Assert.Single(flow.Mail.Messages);
        Assert.Contains(await flow.JobsAsync(), j => j.Status == JobStatus.Skipped && j.LastError!.Contains("DOI-9", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "DOI-4")]
    public async Task ConfirmAsync_ConcurrentPosts_ExactlyOneConfirmedEvent()
    {
        using var flow = Flow.Start();
        var result = await flow.SubmitAsync();
        await flow.RunAsync();
        var token = Flow.ConfirmToken(flow.Mail.Messages[0]);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 16)
            .Select(_ => Task.Run(async () => await flow.DoubleOptin.ConfirmAsync(token, Flow.Visitor, default))));

        Assert.Single(outcomes, o => o == TokenStatus.Valid);
        var ledger = await flow.Store.Ledger.ReadAsync(result.ContactId!.Value, default).ToListAsync();
        Assert.Single(ledger, e => e.Kind == ConsentEventKind.Confirmed);
        Assert.Single(await flow.JobsAsync(), j => j.RuleName == "welcome");
    }

    [Fact]
    [Trait("Requirement", "DOI-5")]
    public async Task SweepAsync_AfterWindow_DeletesUnconfirmedOnceAndIsIdempotent()
    {
        using var flow = Flow.Start();
        var result = await flow.SubmitAsync();
        await flow.RunAsync();
        var sweeper = flow.Services.GetRequiredService<UnconfirmedSweeper>();
        flow.Advance(Duration.FromDays(13));
        Assert.Equal(0, await sweeper.SweepAsync(default));

        flow.Advance(Duration.FromDays(1));
        Assert.Equal(1, await sweeper.SweepAsync(default));
        Assert.Equal(0, await sweeper.SweepAsync(default));

        Assert.Null(await flow.Store.Contacts.FindAsync(result.ContactId!.Value, default));
        Assert.Empty(await flow.Store.Submissions.ListByContactAsync(result.ContactId.Value, default).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task RequestAsync_ContactsEnteredByHand_EachGetsConfirmationAndStaysWithoutOptin()
    {
        using var flow = Flow.Start();
        var contacts = flow.Services.GetRequiredService<ContactOptinService>();
        var requests = flow.Services.GetRequiredService<DoubleOptinRequestService>();
        var one = await contacts.AddContactAsync(new NewContact("marie@salon.example", ContactKind.Lead,
            System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("source", "salon")), default);
        await contacts.AddContactAsync(new NewContact("paul@salon.example", ContactKind.Lead,
            System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("source", "salon")), default);

        var queued = await requests.RequestForQueryAsync(new ContactQuery
        {
            FieldEquals = System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("source", "salon"),
        }, "newsletter", "en", default);
        flow.Advance(Duration.FromSeconds(1)); // the second email is due 0.1 s after the first (DoubleOptin:QueryRequestsPerMinute)
        await flow.RunAsync();

        Assert.Equal(2, queued.Count);
        Assert.Equal(2, flow.Mail.Messages.Count);
        Assert.All(flow.Mail.Messages, m => Assert.Equal("Please confirm your subscription", m.Subject));
        var marie = await flow.Store.Contacts.FindAsync(one.ContactId!.Value, default);
        Assert.Equal(OptinState.None, marie!.GetState("newsletter"));
        var toMarie = flow.Mail.Messages.Single(m => m.To.Mailboxes.Single().Address == "marie@salon.example");
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(toMarie), Flow.Visitor, default));
        Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(marie.Id, default))!.GetState("newsletter"));
    }

    [Fact]
    [Trait("Requirement", "WD-4")]
    public async Task SetOptinAsync_WithdrawnByHand_CancelsQueuedReminder()
    {
        using var flow = Flow.Start();
        var result = await flow.SubmitAsync();
        await flow.RunAsync();

        var change = await flow.Services.GetRequiredService<ContactOptinService>().SetOptinAsync(
            new ManualOptinChange(result.ContactId!.Value, "newsletter", OptinState.Withdrawn, "claire", "asked by phone", "phone call 2026-11-12"), default);
        flow.Advance(Duration.FromDays(3));
        await flow.RunAsync();

        Assert.True(change.Succeeded);
        Assert.Single(flow.Mail.Messages);
        Assert.Equal(JobStatus.Cancelled, (await flow.JobsAsync()).Single(j => j.RuleName == "remind-once").Status);
    }
}
