using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Deliverability;

/// <summary>
/// The sample sending through SMTP to a real server on 127.0.0.1 (the SmtpServer package) that refuses permanently: the
/// address is marked undeliverable, the job dead-letters, and nothing more goes to it until a new double opt-in.
/// </summary>
public sealed partial class SmtpRefusalTests
{
    private static readonly SubmissionContext Visitor = new("fr", null, "198.51.100.23", "Mozilla/5.0 (confirm)");

    [Fact]
    public async Task RcptRefused550_MarksUndeliverable_TheReminderDoesNotGo_UntilANewDoubleOptinIsConfirmed()
    {
        await using var smtp = await RefusingSmtpServer.StartAsync();
        using var app = Factory(smtp);
        var client = app.Client();
        const string Jean = "jean.dupont@exemple.fr";
        smtp.RefusedRecipients[Jean] = true;

        await Some.SignUpAsync(client, Jean);
        await RunAsync(app);

        Assert.True(await EventuallyAsync(app, async () => (await JobsAsync(app)).Any(j => j.Status == JobStatus.DeadLettered)));
        Assert.Empty(smtp.Messages);
        Assert.Equal("undeliverable", (await SuppressionAsync(app, Jean))?.Reason);

        // The reminder the sign-up queued does not go, even once the server would accept it.
        smtp.RefusedRecipients.Clear();
        app.Clock.Advance(Duration.FromDays(3) + Duration.FromMinutes(1));
        await RunAsync(app);
        Assert.Empty(smtp.Messages);

        // The person signs up again: that confirmation email goes, and confirming lifts the mark; the welcome follows.
        await Some.SignUpAsync(client, Jean);
        await RunAsync(app);
        Assert.True(await EventuallyAsync(app, () => Task.FromResult(!smtp.Messages.IsEmpty)));
        var doi = Assert.Single(smtp.Messages);
        Assert.Equal(TokenStatus.Valid, await app.Services.GetRequiredService<IDoubleOptinService>().ConfirmAsync(ConfirmToken(doi), Visitor, default));
        Assert.Null(await SuppressionAsync(app, Jean));
        Assert.True(await EventuallyAsync(app, () => Task.FromResult(smtp.Messages.Count == 2)));
    }

    [Fact]
    public async Task DataRefused554_ForAOneRecipientMessage_MarksThatAddressUndeliverable()
    {
        await using var smtp = await RefusingSmtpServer.StartAsync();
        using var app = Factory(smtp);
        const string Paul = "paul.bernard@exemple.org";
        smtp.NextDataReplies.Enqueue(554);

        await Some.SignUpAsync(app.Client(), Paul);
        await RunAsync(app);

        Assert.True(await EventuallyAsync(app, async () => (await JobsAsync(app)).Any(j => j.Status == JobStatus.DeadLettered)));
        Assert.Empty(smtp.Messages);
        Assert.Equal("undeliverable", (await SuppressionAsync(app, Paul))?.Reason);
    }

    private static OptinWebFactory Factory(RefusingSmtpServer smtp) => new(
        ("OptinForms:Mail:Sender", "Smtp"),
        ("OptinForms:Mail:Smtp:Host", "127.0.0.1"),
        ("OptinForms:Mail:Smtp:Port", smtp.Port.ToString(CultureInfo.InvariantCulture)),
        ("OptinForms:Mail:Smtp:Security", "None"))
    {
        RealDoubleOptin = true,
    };

    private static async Task RunAsync(OptinWebFactory app)
    {
        var runner = app.Services.GetRequiredService<JobRunner>();
        for (var i = 0; i < 5 && await runner.RunDueJobsAsync(default) > 0; i++)
        {
        }
    }

    /// <summary>Runs the due jobs until <paramref name="done"/> holds (10 s at most): the host's own worker may hold a job meanwhile.</summary>
    private static async Task<bool> EventuallyAsync(OptinWebFactory app, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await RunAsync(app);
            if (await done())
            {
                return true;
            }

            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }
    }

    private static async Task<List<JobRecord>> JobsAsync(OptinWebFactory app) =>
        await app.Store.Jobs.ListJobsAsync(null, default).ToListAsync();

    private static ValueTask<SuppressionEntry?> SuppressionAsync(OptinWebFactory app, string email) =>
        app.Services.GetRequiredService<SuppressionList>().FindAsync(email, default);

    private static string ConfirmToken(MimeKit.MimeMessage message) =>
        ConfirmLink().Match(message.TextBody ?? string.Empty) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("no confirm link");

    [GeneratedRegex(@"/optin/confirm/([A-Za-z0-9_\-]+)")]
    private static partial Regex ConfirmLink();
}
