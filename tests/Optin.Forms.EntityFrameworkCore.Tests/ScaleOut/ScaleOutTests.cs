using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.ScaleOut;

/// <summary>
/// Three hosts (each its own service provider, store, connection pool, rule engine, job runner and mail sender) on one
/// database: submissions spread over them, two per address on two hosts at once, and every double opt-in email sent
/// exactly once with no job lost.
/// </summary>
public abstract class ScaleOutTests
{
    /// <summary>Addresses posted to, each twice: 1,000 (2,000 submissions) on PostgreSQL.</summary>
    private protected virtual int Addresses => 1_000;

    private protected abstract Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings);

    [Fact]
    [Trait("Invariant", "3")]
    [Trait("Invariant", "4")]
    [Trait("Requirement", "DOI-1")]
    public async Task SubmissionsSpreadOverThreeHosts_EveryDoiEmailSentExactlyOnce_NoJobLost()
    {
        var settings = Some.Settings();
        settings["OptinForms:Mail:From"] = "Atelier Dupont <bonjour@atelier-dupont.example>";
        settings["OptinForms:Rules:0:Name"] = "double-opt-in";
        settings["OptinForms:Rules:0:When"] = "FormSubmitted";
        settings["OptinForms:Rules:0:Forms:0"] = "newsletter";
        settings["OptinForms:Rules:0:If:ConsentGiven"] = "newsletter";
        settings["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
        settings["OptinForms:Rules:0:Then:0:Args:Purpose"] = "newsletter";
        static void Configure(OptinFormsBuilder b) => b.UseInMemoryMailSender();
        await using var first = await CreateHostAsync(Configure, settings);
        await using var second = await first.SiblingAsync(Configure);
        await using var third = await first.SiblingAsync(Configure);
        StoreHost[] hosts = [first, second, third];
        var senders = hosts.Select(h => h.Services.GetRequiredService<InMemoryMailSender>()).ToArray();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var submitted = 0;
        var workers = hosts.Select(h => Task.Run(async () =>
        {
            var runner = h.Services.GetRequiredService<JobRunner>();
            while (true)
            {
                // A submission's jobs commit with it, before it is counted: once all are counted, an empty claim means
                // no job is left for this worker (jobs claimed by others are finished by them).
                var allSubmitted = Volatile.Read(ref submitted) == 2 * Addresses;
                if (await runner.RunDueJobsAsync(timeout.Token) == 0)
                {
                    if (allSubmitted)
                    {
                        return;
                    }

                    await Task.Delay(5, timeout.Token); // an empty queue: poll again (nothing depends on time passing)
                }
            }
        })).ToArray();

        var stopwatch = Stopwatch.StartNew();
        var posts = Enumerable.Range(0, 2 * Addresses).Select(i => (Host: hosts[i % 3], Address: i / 2));
        await Parallel.ForEachAsync(posts, new ParallelOptions { MaxDegreeOfParallelism = 12, CancellationToken = timeout.Token },
            async (post, ct) =>
            {
                var result = await post.Host.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
                    Some.Post("newsletter", ("email", $"person{post.Address}@exemple.fr"), ("consent.newsletter", "true")), ct);
                Assert.True(result.Succeeded);
                Interlocked.Increment(ref submitted);
            });
        await Task.WhenAll(workers);
        stopwatch.Stop();

        var store = first.Store;
        var messages = senders.SelectMany(s => s.Messages).ToList();
        var jobs = await store.Jobs.ListJobsAsync(null, CancellationToken.None).ToListAsync();
        var done = jobs.Where(j => j.Status == JobStatus.Done).ToList();
        Assert.Equal(Addresses, await store.Contacts.CountAsync(new ContactQuery(), CancellationToken.None));
        Assert.Equal(2 * Addresses, jobs.Count(j => j.Action == "SendDoubleOptinEmail"));
        Assert.All(jobs, job => Assert.True(job.Status is JobStatus.Done or JobStatus.Skipped, $"{job.Status}: {job.LastError}"));
        Assert.All(jobs, job => Assert.Equal(1, job.Attempts));
        Assert.Equal(done.Count, messages.Count);
        Assert.Equal(done.Select(j => j.MessageId).Order(StringComparer.Ordinal), messages.Select(m => m.MessageId).Order(StringComparer.Ordinal));
        Assert.Equal(Addresses, messages.Select(m => m.To.Mailboxes.Single().Address).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(senders, s => Assert.NotEmpty(s.Messages));
        var submissions = 0;
        await foreach (var contact in store.Contacts.QueryAsync(new ContactQuery(), CancellationToken.None))
        {
            submissions += (await store.Submissions.ListByContactAsync(contact.Id, CancellationToken.None).ToListAsync()).Count;
            Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        }

        Assert.Equal(2 * Addresses, submissions);
        Console.WriteLine($"{GetType().Name}: {2 * Addresses} submissions for {Addresses} addresses, {messages.Count} emails on 3 hosts in {stopwatch.ElapsedMilliseconds} ms; "
            + $"emails per host: {string.Join(", ", senders.Select(s => s.Messages.Count))}");
    }
}
