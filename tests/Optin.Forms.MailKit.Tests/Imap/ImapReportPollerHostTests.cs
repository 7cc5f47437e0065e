using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Optin.Forms.MailKit.Tests.Support;

namespace Optin.Forms.MailKit.Tests.Imap;

/// <summary>
/// The poller as the host runs it: polls at each interval and retries after failures on the host's
/// <see cref="TimeProvider"/> (a fake one here: no real timer decides anything), and stops with the host.
/// </summary>
public sealed class ImapReportPollerHostTests
{
    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }

    [ImapFact]
    public async Task Poller_PollsAgainOnlyWhenTheIntervalHasPassed_AndStopsWithTheHost()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var options = mailbox.Options();
        var time = new FakeTimeProvider();
        var processor = new RecordingReportProcessor();
        using var poller = new ImapReportPoller(Options.Create(options), processor, time, new RecordingLogger<ImapReportPoller>());

        await poller.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => poller.CompletedPolls >= 1);
        var id = await mailbox.AppendAsync("applied");
        time.Advance(options.PollInterval - TimeSpan.FromSeconds(1));

        Assert.Equal(1, poller.CompletedPolls);
        Assert.Empty(processor.Calls);

        time.Advance(TimeSpan.FromSeconds(1));
        await WaitUntilAsync(() => poller.CompletedPolls >= 2);

        Assert.Equal([id], processor.Applied);
        Assert.Equal([id], await mailbox.MessageIdsAsync(mailbox.Processed));

        await poller.StopAsync(CancellationToken.None);

        Assert.True(poller.ExecuteTask!.IsCompletedSuccessfully);
    }

    [ImapFact]
    [Trait("Requirement", "SEC-8")]
    public async Task WrongPassword_LogsAClearErrorWithoutTheAddress_RetriesWithBackoff_AndNeverStopsTheHost()
    {
        await using var mailbox = await TestMailbox.OpenAsync();
        var options = mailbox.Options();
        options.UserName = "bounces@atelier-dupont.example";
        options.Password = "not-the-password";
        var time = new FakeTimeProvider();
        var log = new RecordingLogger<ImapReportPoller>();
        using var poller = new ImapReportPoller(Options.Create(options), new RecordingReportProcessor(), time, log);

        await poller.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => poller.CompletedPolls >= 1);
        time.Advance(TimeSpan.FromSeconds(5));
        await WaitUntilAsync(() => poller.CompletedPolls >= 2);

        var errors = log.Entries.Where(e => e.EventId.Id == 6103).Select(e => e.Text).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(
            "The IMAP server 127.0.0.1 refused the user name or password of OptinForms:Deliverability:Imap:UserName and OptinForms:Deliverability:Imap:Password; no report is read. Trying again in 00:00:05.",
            errors[0].Replace(options.Host!, "127.0.0.1", StringComparison.Ordinal));
        Assert.EndsWith("Trying again in 00:00:10.", errors[1], StringComparison.Ordinal);
        Assert.DoesNotContain(log.Entries, e => e.Text.Contains("atelier-dupont", StringComparison.Ordinal) || e.Text.Contains("not-the-password", StringComparison.Ordinal));
        Assert.False(poller.ExecuteTask!.IsCompleted);

        await poller.StopAsync(CancellationToken.None);

        Assert.True(poller.ExecuteTask.IsCompletedSuccessfully);
    }
}
