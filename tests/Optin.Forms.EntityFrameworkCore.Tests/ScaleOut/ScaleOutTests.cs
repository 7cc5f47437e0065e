using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.ScaleOut;

/// <summary>
/// Several hosts (each its own service provider, store, connection pool and worker) on one database: 2,000 form
/// submissions spread over them, two per address and concurrently, and the double opt-in email of each new contact
/// sent exactly once.
/// </summary>
public abstract class ScaleOutTests
{
    /// <summary>Addresses posted to, each twice: 1,000 (2,000 submissions) on PostgreSQL.</summary>
    private protected virtual int Addresses => 1_000;

    private protected abstract Task<StoreHost> CreateHostAsync(Action<Optin.Forms.DependencyInjection.OptinFormsBuilder> configure);

    [Fact]
    [Trait("Invariant", "3")]
    [Trait("Requirement", "DOI-1")]
    public async Task SubmissionsSpreadOverThreeHosts_EveryDoiEmailSentExactlyOnce_NoJobLost()
    {
        await using var first = await CreateHostAsync(b => b.AddEventListener<DoiJobListener>());
        await using var second = await first.SiblingAsync(b => b.AddEventListener<DoiJobListener>());
        await using var third = await first.SiblingAsync(b => b.AddEventListener<DoiJobListener>());
        StoreHost[] hosts = [first, second, third];
        var mailbox = new RecordingMailbox();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var submitted = 0;
        var workers = hosts.Select((h, i) => new TestWorker($"host-{i}", h.Store, mailbox, Some.Now)).ToArray();
        var working = workers.Select(w => Task.Run(() => w.RunAsync(
            () => Volatile.Read(ref submitted) == 2 * Addresses && mailbox.ByContact.Count == Addresses, timeout.Token))).ToArray();

        // Each address is posted twice, on two different hosts, by two concurrent callers.
        var posts = Enumerable.Range(0, 2 * Addresses).Select(i => (Host: hosts[i % 3], Address: i / 2)).ToList();
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(posts, new ParallelOptions { MaxDegreeOfParallelism = 12, CancellationToken = timeout.Token },
            async (post, ct) =>
            {
                var pipeline = post.Host.Services.GetRequiredService<SubmissionPipeline>();
                var result = await pipeline.SubmitAsync(
                    Some.Post("newsletter", ("email", $"person{post.Address}@exemple.fr"), ("consent.newsletter", "true")), ct);
                Assert.True(result.Succeeded);
                Interlocked.Increment(ref submitted);
            });
        await Task.WhenAll(working);
        stopwatch.Stop();

        var store = first.Store;
        Assert.Equal(Addresses, await store.Contacts.CountAsync(new ContactQuery(), CancellationToken.None));
        Assert.Equal(Addresses, mailbox.ByContact.Count);
        Assert.All(mailbox.ByContact.Values, count => Assert.Equal(1, count));
        Assert.All(mailbox.ByMessageId.Values, count => Assert.Equal(1, count));
        var jobs = await store.Jobs.ListJobsAsync(null, CancellationToken.None).ToListAsync();
        Assert.Equal(Addresses, jobs.Count);
        Assert.All(jobs, job => Assert.Equal(JobStatus.Done, job.Status));
        Assert.All(jobs, job => Assert.Equal(1, job.Attempts));
        Assert.Equal(Addresses, workers.Sum(w => w.Processed));
        var submissions = 0;
        await foreach (var contact in store.Contacts.QueryAsync(new ContactQuery(), CancellationToken.None))
        {
            submissions += (await store.Submissions.ListByContactAsync(contact.Id, CancellationToken.None).ToListAsync()).Count;
            Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        }

        Assert.Equal(2 * Addresses, submissions);
        Console.WriteLine($"{GetType().Name}: {2 * Addresses} submissions and {Addresses} emails on 3 hosts in {stopwatch.ElapsedMilliseconds} ms; "
            + $"jobs per worker: {string.Join(", ", workers.Select(w => w.Processed))}");
    }
}

/// <summary>
/// Three hosts on one SQLite file in one process (SQLite's limit: one machine). Fewer submissions: SQLite has one
/// writer and syncs every commit, and the point here is correctness, which the PostgreSQL run shows at full size.
/// </summary>
public sealed class SqliteScaleOutTests : ScaleOutTests
{
    private protected override int Addresses => 200;

    private protected override Task<StoreHost> CreateHostAsync(Action<Optin.Forms.DependencyInjection.OptinFormsBuilder> configure) =>
        StoreHost.SqliteAsync(configure);
}

/// <summary>Three hosts on one PostgreSQL database, as on three machines.</summary>
[RequiresPostgres]
public sealed class PostgresScaleOutTests : ScaleOutTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<Optin.Forms.DependencyInjection.OptinFormsBuilder> configure) =>
        StoreHost.PostgresAsync(configure);
}
