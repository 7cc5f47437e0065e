using Microsoft.Extensions.Options;
using Optin.Forms.Deliverability;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests.Imap;

/// <summary>
/// The IMAP report poller against a real IMAP server (Dovecot, started on 127.0.0.1 by .ci/services/dovecot.sh), with
/// messages seeded by IMAP APPEND and a recording processor in place of the real one.
/// </summary>
public sealed class ImapReportPollerTests
{
    private static (ImapReportPoller Poller, RecordingLogger<ImapReportPoller> Log) Poller(ImapPollerOptions options, IDeliveryReportProcessor processor)
    {
        var log = new RecordingLogger<ImapReportPoller>();
        return (new ImapReportPoller(Options.Create(options), processor, TimeProvider.System, log), log);
    }

    [ImapFact]
    [Trait("Requirement", "DLV-1")]
    public async Task AppliedReport_IsMovedToTheProcessedFolder()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var id = await mailbox.AppendAsync("applied");
        var processor = new RecordingReportProcessor();
        var (poller, _) = Poller(mailbox.Options(), processor);

        var result = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal([id], processor.Applied);
        Assert.Equal(1, result.Applied);
        Assert.Empty(await mailbox.MessageIdsAsync(mailbox.Reports));
        Assert.Equal([id], await mailbox.MessageIdsAsync(mailbox.Processed));
        Assert.Empty(await mailbox.MessageIdsAsync(mailbox.Refused));
    }

    [ImapFact]
    [Trait("Requirement", "DLV-3")]
    public async Task RefusedMessage_IsMovedToTheRefusedFolder()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var id = await mailbox.AppendAsync("refused");
        var processor = new RecordingReportProcessor();
        var (poller, _) = Poller(mailbox.Options(), processor);

        var result = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.Refused);
        Assert.Empty(processor.Applied);
        Assert.Empty(await mailbox.MessageIdsAsync(mailbox.Reports));
        Assert.Empty(await mailbox.MessageIdsAsync(mailbox.Processed));
        Assert.Equal([id], await mailbox.MessageIdsAsync(mailbox.Refused));
    }

    [ImapFact]
    public async Task ProcessorFailure_LeavesTheReportUnseen_AndTheNextPollAppliesIt()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var id = await mailbox.AppendAsync("fails once");
        var processor = new RecordingReportProcessor();
        var (poller, log) = Poller(mailbox.Options(), processor);

        var first = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal((0, 1), (first.Applied, first.Kept));
        var (messageId, seen, keywords) = Assert.Single(await mailbox.ContentsAsync(mailbox.Reports));
        Assert.Equal(id, messageId);
        Assert.False(seen); // read with BODY.PEEK: still new for the next poll
        Assert.Empty(keywords);
        Assert.Contains(log.Entries, e => e.EventId.Id == 6102 && e.Text.Contains(nameof(TimeoutException), StringComparison.Ordinal));

        var second = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, second.Applied);
        Assert.Equal([id], processor.Applied);
        Assert.Equal([id, id], processor.Calls);
        Assert.Equal([id], await mailbox.MessageIdsAsync(mailbox.Processed));
        Assert.Empty(await mailbox.MessageIdsAsync(mailbox.Reports));
    }

    [ImapFact]
    [Trait("Requirement", "DLV-1")]
    public async Task SecondPoll_AppliesNothingTwice()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var id = await mailbox.AppendAsync("applied");
        var processor = new RecordingReportProcessor();
        var (poller, _) = Poller(mailbox.Options(), processor);
        await poller.PollOnceAsync(CancellationToken.None);

        var second = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal((0, 0, 0, 0), (second.Applied, second.Ignored, second.Refused, second.Kept));
        Assert.Equal([id], processor.Calls);
    }

    [ImapFact]
    [Trait("Requirement", "DLV-1")]
    public async Task SeveralMessages_EachIsReadOnce_AndSortedByOutcome()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var applied = new[] { await mailbox.AppendAsync("applied"), await mailbox.AppendAsync("applied"), await mailbox.AppendAsync("applied") };
        var ignored = await mailbox.AppendAsync("ignored");
        var refused = await mailbox.AppendAsync("refused");
        var failing = await mailbox.AppendAsync("fails");
        var processor = new RecordingReportProcessor();
        var (poller, log) = Poller(mailbox.Options(), processor);

        var result = await poller.PollOnceAsync(CancellationToken.None);
        await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal((3, 1, 1, 1), (result.Applied, result.Ignored, result.Refused, result.Kept));
        Assert.Equal(applied.Order(StringComparer.Ordinal), processor.Applied.Order(StringComparer.Ordinal));
        Assert.Equal(applied.Append(ignored).Order(StringComparer.Ordinal), await mailbox.MessageIdsAsync(mailbox.Processed));
        Assert.Equal([refused], await mailbox.MessageIdsAsync(mailbox.Refused));
        Assert.Equal([failing], await mailbox.MessageIdsAsync(mailbox.Reports)); // still there, still unseen
        Assert.Equal(2, processor.Calls.Count(c => c == failing)); // only the failing one is read again
        Assert.Equal(7, processor.Calls.Count);
        Assert.Contains(log.Entries, e => e.EventId.Id == 6101 && e.Text.Contains("6 new report(s)", StringComparison.Ordinal) && e.Text.Contains("3 applied, 1 ignored, 1 refused, 1 kept", StringComparison.Ordinal));
    }

    [ImapFact]
    public async Task WithoutTargetFolders_ReportsStayFlaggedSeenWithAKeyword_AndAreNotReadAgain()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var applied = await mailbox.AppendAsync("applied");
        var refused = await mailbox.AppendAsync("refused");
        var processor = new RecordingReportProcessor();
        var (poller, _) = Poller(mailbox.Options(withTargetFolders: false), processor);

        await poller.PollOnceAsync(CancellationToken.None);
        var second = await poller.PollOnceAsync(CancellationToken.None);

        var contents = (await mailbox.ContentsAsync(mailbox.Reports)).ToDictionary(m => m.MessageId);
        Assert.True(contents[applied].Seen);
        Assert.Contains(ImapReportPoller.ProcessedKeyword, contents[applied].Keywords);
        Assert.True(contents[refused].Seen);
        Assert.Contains(ImapReportPoller.RefusedKeyword, contents[refused].Keywords);
        Assert.Equal(0, second.Applied + second.Refused);
        Assert.Equal(2, processor.Calls.Count);
    }

    [ImapFact]
    public async Task ServerDownAtStart_ThenUp_TheNextPollRecovers()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var id = await mailbox.AppendAsync("applied");
        var server = ImapFactAttribute.Server;
        await using var gate = new TcpGate(server.Host, server.Port);
        var options = mailbox.Options();
        options.Port = gate.Port;
        var processor = new RecordingReportProcessor();
        var (poller, log) = Poller(options, processor);

        await Assert.ThrowsAnyAsync<Exception>(() => poller.PollOnceAsync(CancellationToken.None));

        Assert.Equal(1, poller.ConsecutiveFailures);
        Assert.Contains(log.Entries, e => e.EventId.Id == 6104 && e.Text.Contains("ConnectionRefused", StringComparison.Ordinal) && e.Text.Contains("00:00:05", StringComparison.Ordinal));
        Assert.Empty(processor.Calls);

        gate.Open();
        var result = await poller.PollOnceAsync(CancellationToken.None);

        Assert.Equal(1, result.Applied);
        Assert.Equal(0, poller.ConsecutiveFailures);
        Assert.Equal([id], await mailbox.MessageIdsAsync(mailbox.Processed));
    }

    [ImapFact]
    public async Task MissingFolder_IsLoggedWithItsPath()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var options = mailbox.Options();
        options.Folder = mailbox.Prefix + "-nowhere";
        var (poller, log) = Poller(options, new RecordingReportProcessor());

        await Assert.ThrowsAnyAsync<Exception>(() => poller.PollOnceAsync(CancellationToken.None));

        Assert.Contains(log.Entries, e => e.EventId.Id == 6105 && e.Text.Contains($"{mailbox.Prefix}-nowhere (OptinForms:Deliverability:Imap:Folder)", StringComparison.Ordinal));
    }
}
