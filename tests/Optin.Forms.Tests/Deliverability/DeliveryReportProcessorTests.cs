using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Deliverability;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Deliverability;

/// <summary>DSNs and ARF reports as real mail servers write them (the .eml files under Fixtures), applied to the whole engine.</summary>
public sealed class DeliveryReportProcessorTests
{
    private const string Jean = "jean.dupont@exemple.fr";

    [Fact]
    public async Task ApplyAsync_PostfixDsnPermanent_MarksUndeliverable_NoMailUntilANewDoubleOptinIsConfirmed()
    {
        using var flow = Flow.Start();
        var contactId = await ConfirmedAsync(flow, Jean);

        var outcome = await ApplyAsync(flow, "postfix-dsn-permanent.eml", tiedTo: Jean);

        Assert.Equal(DeliveryReportStatus.Applied, outcome.Status);
        Assert.Equal("undeliverable", (await SuppressionAsync(flow, Jean))?.Reason);
        Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("newsletter")); // consent is untouched
        Assert.Equal(new DeliverabilityCounts(Some.Now.InUtc().Date, 1, 0, 0), await CountsAsync(flow));

        // No mail to the address, marketing or not.
        var sent = flow.Mail.Messages.Count;
        await EnqueueWelcomeAsync(flow, contactId);
        await flow.RunAsync();
        Assert.Equal(sent, flow.Mail.Messages.Count);
        Assert.Contains(await flow.JobsAsync(), j => j.Status == JobStatus.Skipped && j.LastError!.Contains("DOI-9", StringComparison.Ordinal));

        // The person signs up again: the confirmation email goes (or nobody could come back), and confirming lifts the mark.
        flow.Advance(Duration.FromMinutes(1));
        await flow.SubmitAsync(Jean);
        await flow.RunAsync();
        var doi = flow.Mail.Messages[^1];
        Assert.Equal("Confirmez votre inscription", doi.Subject);
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));
        Assert.Null(await SuppressionAsync(flow, Jean));
        var before = flow.Mail.Messages.Count;
        await EnqueueWelcomeAsync(flow, contactId);
        await flow.RunAsync();
        Assert.True(flow.Mail.Messages.Count > before);
    }

    [Fact]
    public async Task ApplyAsync_ExchangeDsnPermanent_MarksTheAddressUndeliverable()
    {
        using var flow = Flow.Start();
        await flow.SubmitAsync("marie.martin@exemple-entreprise.fr");
        await flow.RunAsync();

        var outcome = await ApplyAsync(flow, "exchange-dsn-permanent.eml", tiedTo: "marie.martin@exemple-entreprise.fr");

        Assert.Equal(DeliveryReportStatus.Applied, outcome.Status);
        Assert.Equal("undeliverable", (await SuppressionAsync(flow, "marie.martin@exemple-entreprise.fr"))?.Reason);
    }

    [Fact]
    public async Task ApplyAsync_DsnWithAPermanentAndATransientRecipient_AppliesEachOnlyWhenTheMessageWentToIt()
    {
        using var flow = Flow.Start();
        await flow.SubmitAsync(Jean);
        await flow.SubmitAsync("paul.bernard@exemple.org");
        await flow.RunAsync();

        // Our message went to Jean only (we send one message per address): Paul's line of the report is not ours.
        var toJean = await ApplyAsync(flow, "postfix-dsn-two-recipients.eml", tiedTo: Jean);

        Assert.Equal(DeliveryReportStatus.Applied, toJean.Status);
        Assert.Equal("undeliverable", (await SuppressionAsync(flow, Jean))?.Reason);
        Assert.Null(await SuppressionAsync(flow, "paul.bernard@exemple.org"));
        Assert.Equal(new DeliverabilityCounts(Some.Now.InUtc().Date, 1, 0, 0), await CountsAsync(flow));

        // The same report about the message that went to Paul (another report: its own Message-ID) counts his delay.
        using var aboutPaul = ReportFixtures.Tied("postfix-dsn-two-recipients.eml", SentTo(flow, "paul.bernard@exemple.org"), reportId: "other-report@mail.atelier-dupont.example");
        var toPaul = await flow.Services.GetRequiredService<IDeliveryReportProcessor>().ApplyAsync(aboutPaul);

        Assert.Equal(DeliveryReportStatus.Applied, toPaul.Status);
        Assert.Null(await SuppressionAsync(flow, "paul.bernard@exemple.org"));
        Assert.Equal(new DeliverabilityCounts(Some.Now.InUtc().Date, 1, 1, 0), await CountsAsync(flow));
    }

    [Theory]
    [InlineData("postfix-dsn-permanent.eml")]
    [InlineData("exchange-dsn-permanent.eml")]
    [InlineData("yahoo-arf-complaint.eml")]
    [InlineData("headers-only-arf-complaint.eml")]
    [Trait("Requirement", "DLV-3")]
    public async Task ApplyAsync_ForgedReportAboutAKnownAddress_NotTiedToAMessageWeSentThere_IsIgnored_AndChangesNothing(string file)
    {
        using var flow = Flow.Start();
        var jean = await ConfirmedAsync(flow, Jean);
        var marie = await ConfirmedAsync(flow, "marie.martin@exemple-entreprise.fr");
        var claire = await ConfirmedAsync(flow, "claire@exemple.net");
        var ledgers = new[] { await LedgerCountAsync(flow, jean), await LedgerCountAsync(flow, marie) };

        // As written by anyone: a Message-ID that is not ours; then one of ours, but of a message that went to Claire.
        var forged = await ApplyAsync(flow, file);
        using var misdirected = ReportFixtures.Tied(file, SentTo(flow, "claire@exemple.net"));
        var stolen = await flow.Services.GetRequiredService<IDeliveryReportProcessor>().ApplyAsync(misdirected);

        foreach (var outcome in new[] { forged, stolen })
        {
            Assert.Equal(DeliveryReportStatus.Ignored, outcome.Status);
            Assert.Equal(DeliveryReportProcessor.Untied, outcome.Reason);
        }

        Assert.Null(await SuppressionAsync(flow, Jean));
        Assert.Null(await SuppressionAsync(flow, "marie.martin@exemple-entreprise.fr"));
        Assert.Null(await SuppressionAsync(flow, "claire@exemple.net"));
        foreach (var id in new[] { jean, marie, claire })
        {
            Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(id, default))!.GetState("newsletter"));
        }

        Assert.Equal(ledgers, new[] { await LedgerCountAsync(flow, jean), await LedgerCountAsync(flow, marie) });
        Assert.Equal(new DeliverabilityCounts(Some.Now.InUtc().Date, 0, 0, 0), await CountsAsync(flow));
    }

    [Theory]
    [InlineData("yahoo-arf-complaint.eml", "Yahoo!-Mail-Feedback/2.0")]
    [InlineData("headers-only-arf-complaint.eml", "ExempleWebmail-FBL/1.2")]
    public async Task ApplyAsync_FeedbackReport_WithdrawsEveryMarketingPurpose_RecordsTheComplaint_AndSuppresses(string file, string agent)
    {
        using var flow = Flow.Start();
        var contactId = await ConfirmedAsync(flow, Jean);
        var messageId = SentTo(flow, Jean);

        var outcome = await ApplyAsync(flow, file, tiedTo: Jean);

        Assert.Equal(DeliveryReportStatus.Applied, outcome.Status);
        Assert.Equal(OptinState.Withdrawn, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("newsletter"));
        var entry = (await flow.Store.Ledger.ReadAsync(contactId, default).ToListAsync())[^1];
        Assert.Equal(ConsentEventKind.Withdrawn, entry.Kind);
        Assert.Equal(ConsentMethod.System, entry.Method);
        Assert.Equal("complaint", entry.Reason);
        Assert.Equal(messageId, entry.MessageId);
        Assert.Contains(agent, entry.Actor, StringComparison.Ordinal);
        Assert.NotNull(entry.ConsentText); // the proof fields: the text that was withdrawn
        Assert.Equal("complaint", (await SuppressionAsync(flow, Jean))?.Reason);
        Assert.Equal(new DeliverabilityCounts(Some.Now.InUtc().Date, 0, 0, 1), await CountsAsync(flow));
    }

    [Theory]
    [InlineData("malformed-dsn-bad-second-recipient.eml")]
    [InlineData("malformed-dsn-no-status-part.eml")]
    [InlineData("malformed-arf-no-feedback-type.eml")]
    [InlineData("out-of-office-not-a-report.eml")]
    public async Task ApplyAsync_Malformed_IsRefused_AndChangesNothing(string file)
    {
        using var flow = Flow.Start();
        var contactId = await ConfirmedAsync(flow, Jean);
        var ledger = await flow.Store.Ledger.ReadAsync(contactId, default).CountAsync();

        var outcome = await ApplyAsync(flow, file);

        Assert.Equal(DeliveryReportStatus.Refused, outcome.Status);
        Assert.False(string.IsNullOrWhiteSpace(outcome.Reason));
        Assert.DoesNotContain("@", outcome.Reason, StringComparison.Ordinal);
        Assert.Null(await SuppressionAsync(flow, Jean));
        Assert.Null(await SuppressionAsync(flow, "paul.bernard@exemple.org"));
        Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("newsletter"));
        Assert.Equal(ledger, await flow.Store.Ledger.ReadAsync(contactId, default).CountAsync());
        Assert.Equal(new DeliverabilityCounts(Some.Now.InUtc().Date, 0, 0, 0), await CountsAsync(flow));
    }

    [Theory]
    [InlineData("postfix-dsn-permanent.eml")]
    [InlineData("postfix-dsn-two-recipients.eml")]
    [InlineData("yahoo-arf-complaint.eml")]
    public async Task ApplyAsync_AboutAnAddressNeverMailed_IsIgnored_AndChangesNothing(string file)
    {
        using var flow = Flow.Start();
        var other = await ConfirmedAsync(flow, "claire@exemple.net");

        var outcome = await ApplyAsync(flow, file);

        Assert.Equal(DeliveryReportStatus.Ignored, outcome.Status);
        Assert.Null(await SuppressionAsync(flow, Jean));
        Assert.Null(await SuppressionAsync(flow, "paul.bernard@exemple.org"));
        Assert.Null(await flow.Store.Contacts.FindByEmailKeyAsync(Jean, default));
        Assert.Equal(OptinState.OptedIn, (await flow.Store.Contacts.FindAsync(other, default))!.GetState("newsletter"));
        Assert.Equal(new DeliverabilityCounts(Some.Now.InUtc().Date, 0, 0, 0), await CountsAsync(flow));
    }

    [Theory]
    [InlineData("postfix-dsn-permanent.eml")]
    [InlineData("postfix-dsn-two-recipients.eml")]
    [InlineData("yahoo-arf-complaint.eml")]
    public async Task ApplyAsync_TheSameReportTwice_ChangesNothingTheSecondTime(string file)
    {
        using var flow = Flow.Start();
        var contactId = await ConfirmedAsync(flow, Jean);
        await flow.SubmitAsync("paul.bernard@exemple.org");
        await flow.RunAsync();
        Assert.Equal(DeliveryReportStatus.Applied, (await ApplyAsync(flow, file, tiedTo: Jean)).Status);
        var suppression = await SuppressionAsync(flow, Jean);
        var ledger = await flow.Store.Ledger.ReadAsync(contactId, default).CountAsync();
        var counts = await CountsAsync(flow);
        flow.Advance(Duration.FromMinutes(5));

        var again = await ApplyAsync(flow, file, tiedTo: Jean);

        Assert.Equal(DeliveryReportStatus.Ignored, again.Status);
        Assert.Equal(suppression, await SuppressionAsync(flow, Jean));
        Assert.Equal(ledger, await flow.Store.Ledger.ReadAsync(contactId, default).CountAsync());
        Assert.Equal(counts, await CountsAsync(flow));
    }

    [Fact]
    public async Task ApplyAsync_ComplaintAfterABounce_KeepsTheUndeliverableMark()
    {
        using var flow = Flow.Start();
        var contactId = await ConfirmedAsync(flow, Jean);
        await ApplyAsync(flow, "postfix-dsn-permanent.eml", tiedTo: Jean);

        Assert.Equal(DeliveryReportStatus.Applied, (await ApplyAsync(flow, "yahoo-arf-complaint.eml", tiedTo: Jean)).Status);

        Assert.Equal(OptinState.Withdrawn, (await flow.Store.Contacts.FindAsync(contactId, default))!.GetState("newsletter"));
        Assert.Equal("undeliverable", (await SuppressionAsync(flow, Jean))?.Reason); // a complaint blocks less: it never replaces it
    }

    internal static MimeMessage Fixture(string file) => ReportFixtures.Load(file);

    /// <summary>
    /// Applies the fixture as written or, with <paramref name="tiedTo"/>, about the last message sent to that address: its
    /// original message's Message-ID replaced by that message's, as the recipient's mail system would return it.
    /// </summary>
    private static async Task<DeliveryReportOutcome> ApplyAsync(Flow flow, string file, string? tiedTo = null)
    {
        using var message = tiedTo is null ? Fixture(file) : ReportFixtures.Tied(file, SentTo(flow, tiedTo));
        return await flow.Services.GetRequiredService<IDeliveryReportProcessor>().ApplyAsync(message);
    }

    /// <summary>The Message-ID (without angle brackets) of the last message sent to <paramref name="address"/>.</summary>
    internal static string SentTo(Flow flow, string address) =>
        flow.Mail.Messages.Last(m => m.To.Mailboxes.Any(a => a.Address == address)).MessageId
        ?? throw new InvalidOperationException("the message sent has no Message-ID");

    private static async Task<int> LedgerCountAsync(Flow flow, Guid contactId) => await flow.Store.Ledger.ReadAsync(contactId, default).CountAsync();

    private static async Task<Guid> ConfirmedAsync(Flow flow, string email)
    {
        var contactId = (await flow.SubmitAsync(email)).ContactId!.Value;
        await flow.RunAsync();
        var doi = flow.Mail.Messages.Last(m => m.To.Mailboxes.Any(a => a.Address == email));
        Assert.Equal(TokenStatus.Valid, await flow.DoubleOptin.ConfirmAsync(Flow.ConfirmToken(doi), Flow.Visitor, default));
        await flow.RunAsync();
        return contactId;
    }

    /// <summary>The entry in force for the address (a lifted one has expired).</summary>
    private static ValueTask<SuppressionEntry?> SuppressionAsync(Flow flow, string email) =>
        flow.Services.GetRequiredService<SuppressionList>().FindAsync(email, default);

    private static ValueTask<DeliverabilityCounts> CountsAsync(Flow flow) =>
        flow.Services.GetRequiredService<DeliverabilityService>().CountAsync(Some.Now.InUtc().Date, default);

    private static async Task EnqueueWelcomeAsync(Flow flow, Guid contactId)
    {
        var payload = new JobPayload
        {
            Args = new(StringComparer.OrdinalIgnoreCase) { ["Template"] = "welcome", ["Purpose"] = "newsletter" },
            EventType = "Campaign",
            Culture = "fr",
            PurposeId = "newsletter",
        };
        var now = flow.Clock.GetCurrentInstant();
        await using var tx = await flow.Store.BeginTransactionAsync(default);
        await tx.Jobs.EnqueueAsync(JobFactory.Create("SendEmail", null, contactId, "newsletter", payload, now, now, "example.test"), default);
        await tx.CommitAsync(default);
    }
}
