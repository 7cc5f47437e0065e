using System.Collections.Immutable;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>What the EF Core store does beyond the core's conformance suites, on each provider.</summary>
public abstract class EntityFrameworkCoreStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private protected abstract Task<StoreHost> CreateHostAsync(Action<Optin.Forms.DependencyInjection.OptinFormsBuilder>? configure = null);

    [Fact]
    [Trait("Invariant", "3")]
    public async Task Submit_TwentyConcurrentForOneNewAddress_OneContactEverySubmissionOneJob()
    {
        await using var host = await CreateHostAsync(b => b.AddEventListener<DoiJobListener>());
        var pipeline = host.Services.GetRequiredService<SubmissionPipeline>();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
            await pipeline.SubmitAsync(Some.Post("newsletter", ("email", "Jean.Dupont@Exemple.FR"), ("consent.newsletter", "true")), None))));

        Assert.All(results, r => Assert.True(r.Succeeded));
        var contact = await host.Store.Contacts.FindByEmailKeyAsync("jean.dupont@exemple.fr", None);
        Assert.NotNull(contact);
        Assert.All(results, r => Assert.Equal(contact.Id, r.ContactId));
        Assert.Equal(1, await host.Store.Contacts.CountAsync(new ContactQuery(), None));
        Assert.Equal(20, (await host.Store.Submissions.ListByContactAsync(contact.Id, None).ToListAsync()).Count);
        Assert.Equal(20, (await host.Store.Ledger.ReadAsync(contact.Id, None).ToListAsync()).Count);
        // The listener's job for the new contact once; the built-in double opt-in rule (CFG-5) queues one per submission.
        var jobs = await host.Store.Jobs.ListJobsAsync(contact.Id, None).ToListAsync();
        Assert.Single(jobs, j => j.RuleName is null);
        Assert.Equal(20, jobs.Count(j => j.RuleName == "built-in:double-optin:newsletter")); // the form's two purposes: one rule (#18)
    }

    [Fact]
    public async Task ClaimDueJobs_FourWorkersOnSeparateHosts_EachJobClaimedExactlyOnce()
    {
        await using var first = await CreateHostAsync();
        var jobs = Enumerable.Range(0, 200).Select(i => new JobRecord
        {
            Id = Guid.NewGuid(), Action = "Test", Payload = "{}", CreatedAt = Some.Now, DueAt = Some.Now - Duration.FromSeconds(i % 7),
        }).ToList();
        await using (var tx = await first.Store.BeginTransactionAsync(None))
        {
            foreach (var job in jobs)
            {
                await tx.Jobs.EnqueueAsync(job, None);
            }

            await tx.CommitAsync(None);
        }

        var hosts = new List<StoreHost> { first };
        for (var i = 0; i < 3; i++)
        {
            hosts.Add(await first.SiblingAsync());
        }

        try
        {
            var claims = await Task.WhenAll(hosts.Select((h, i) => Task.Run(async () =>
            {
                var mine = new List<Guid>();
                while (true)
                {
                    var batch = await h.Store.Jobs.ClaimDueJobsAsync($"w{i}", Some.Now, Duration.FromMinutes(1), 7, None);
                    if (batch.Count == 0)
                    {
                        return mine;
                    }

                    Assert.All(batch, j => Assert.Equal($"w{i}", j.LeaseOwner));
                    mine.AddRange(batch.Select(j => j.Id));
                }
            })));

            var all = claims.SelectMany(c => c).ToList();
            Assert.Equal(jobs.Count, all.Count);
            Assert.Equal(jobs.Select(j => j.Id).Order(), all.Order());
        }
        finally
        {
            foreach (var sibling in hosts.Skip(1))
            {
                await sibling.DisposeAsync();
            }
        }
    }

    [Fact]
    [Trait("Requirement", "CONS-8")]
    [Trait("Requirement", "WD-6")]
    public async Task SetOptinInBulk_ManySmallBatches_MatchesTheInMemoryReference()
    {
        await using var host = await CreateHostAsync();
        using var reference = new InMemoryOptinStore();
        var population = Population(60);
        foreach (var store in new IOptinStore[] { host.Store, reference })
        {
            await using var tx = await store.BeginTransactionAsync(None);
            foreach (var contact in population)
            {
                await tx.Contacts.SaveAsync(contact, None);
            }

            foreach (var contact in population)
            {
                await tx.Jobs.EnqueueAsync(new JobRecord
                {
                    Id = Guid.NewGuid(), Action = "SendEmail", ContactId = contact.Id, PurposeId = "newsletter", Payload = "{}",
                    CreatedAt = Some.Now, DueAt = Some.Now + Duration.FromDays(2),
                }, None);
            }

            await tx.CommitAsync(None);
        }

        var at = Some.Now + Duration.FromHours(1);
        (ContactQuery Query, BulkOptinChange Change)[] changes =
        [
            (new ContactQuery { Tag = "salon" }, new BulkOptinChange("Newsletter", OptinState.OptedIn, true, Template(at, OptinState.OptedIn))),
            (new ContactQuery { Purpose = "newsletter", State = OptinState.OptedIn, Kind = ContactKind.Lead },
                new BulkOptinChange("newsletter", OptinState.None, false, Template(at + Duration.FromMinutes(1), OptinState.None))),
            (new ContactQuery { Kind = ContactKind.Lead },
                new BulkOptinChange("newsletter", OptinState.Withdrawn, false, Template(at + Duration.FromMinutes(2), OptinState.Withdrawn))
                {
                    CancelJobsReason = "withdrawn",
                }),
        ];
        foreach (var (query, change) in changes)
        {
            long expected;
            var wantedIds = new List<BulkOptinChanged>();
            await using (var tx = await reference.BeginTransactionAsync(None))
            {
                expected = await tx.Contacts.SetOptinInBulkAsync(query, change with { OnChanged = Collect(wantedIds) }, None);
                await tx.CommitAsync(None);
            }

            var actualIds = new List<BulkOptinChanged>();
            var calls = 0;
            await using (var tx = (EntityFrameworkCoreOptinTransaction)await host.Store.BeginTransactionAsync(None))
            {
                var reported = change with
                {
                    OnChanged = (batch, ct) =>
                    {
                        Assert.InRange(batch.Count, 1, 7);
                        calls++;
                        return Collect(actualIds)(batch, ct);
                    },
                };
                Assert.Equal(expected, await BulkOptinWriter.ApplyAsync(tx.Db, tx.Provider, query, reported, 7, None));
                await tx.CommitAsync(None);
            }

            Assert.True(expected > 0);
            Assert.True(calls > 1);
            Assert.Equal(wantedIds.OrderBy(c => c.ContactId), actualIds.OrderBy(c => c.ContactId));
        }

        var jobs = await host.Store.Jobs.ListJobsAsync(null, None).ToDictionaryAsync(j => j.ContactId!.Value, j => (j.Status, j.LastError));
        var wantedJobs = await reference.Jobs.ListJobsAsync(null, None).ToDictionaryAsync(j => j.ContactId!.Value, j => (j.Status, j.LastError));
        Assert.Equal(wantedJobs.OrderBy(j => j.Key), jobs.OrderBy(j => j.Key));
        Assert.Contains(jobs.Values, j => j.Status == JobStatus.Cancelled);
        Assert.Contains(jobs.Values, j => j.Status == JobStatus.Pending);

        var eventIds = new HashSet<Guid>();
        foreach (var contact in population)
        {
            var actual = await host.Store.Contacts.FindAsync(contact.Id, None);
            var wanted = await reference.Contacts.FindAsync(contact.Id, None);
            Assert.Equal(wanted!.GetState("newsletter"), actual!.GetState("newsletter"));
            Assert.Equal(wanted.UpdatedAt, actual.UpdatedAt);
            var ledger = await host.Store.Ledger.ReadAsync(contact.Id, None).ToListAsync();
            Assert.Equal((await reference.Ledger.ReadAsync(contact.Id, None).ToListAsync()).Count, ledger.Count);
            Assert.All(ledger, e => Assert.True(eventIds.Add(e.Id)));
            Assert.All(ledger, e => Assert.Equal("bulk import 2026-11", e.Reason));
        }
    }

    [Fact]
    public async Task Migrate_ShippedMigrations_MatchTheModelAndAreAllApplied()
    {
        await using var host = await CreateHostAsync();
        await using var lease = await host.Services.GetRequiredService<IOptinDbContextSource>().CreateAsync(None);

        Assert.False(lease.Context.Database.HasPendingModelChanges());
        Assert.Empty(await lease.Context.Database.GetPendingMigrationsAsync());
        var shipped = lease.Context.Database.GetMigrations().ToList();
        Assert.True(shipped.Count >= 2, "the initial migration and the evidence/restriction one");
        Assert.Equal(shipped, await lease.Context.Database.GetAppliedMigrationsAsync());
    }

    private static Func<IReadOnlyList<BulkOptinChanged>, CancellationToken, ValueTask> Collect(List<BulkOptinChanged> into) => (batch, _) =>
    {
        into.AddRange(batch);
        return ValueTask.CompletedTask;
    };

    private static ConsentEvent Template(Instant at, OptinState state) => new()
    {
        Id = Guid.Empty,
        ContactId = Guid.Empty,
        Kind = ConsentEventKind.SetInBulk,
        State = state,
        Method = ConsentMethod.Bulk,
        OccurredAt = at,
        PurposeId = "newsletter",
        Actor = "marie.martin",
        Reason = "bulk import 2026-11",
        LegalBasis = "signed paper forms, salon 2026",
    };

    private static List<Contact> Population(int count) => Enumerable.Range(0, count).Select(i =>
    {
        var contact = new Contact
        {
            Id = Guid.NewGuid(),
            Kind = i % 5 == 0 ? ContactKind.Account : ContactKind.Lead,
            Email = $"p{i}@exemple.fr",
            EmailKey = $"p{i}@exemple.fr",
            Tags = i % 3 == 0 ? ImmutableSortedSet.Create<string>(StringComparer.Ordinal) : ImmutableSortedSet.Create(StringComparer.Ordinal, "salon"),
            ObjectedToMarketing = i % 11 == 0,
            CreatedAt = Some.Now,
            UpdatedAt = Some.Now,
            LastActivityAt = Some.Now,
        };
        return (i % 4) switch
        {
            0 => contact,
            1 => contact.WithOptin("newsletter", OptinState.PendingConfirmation, Some.Now),
            2 => contact.WithOptin("newsletter", OptinState.OptedIn, Some.Now),
            _ => contact.WithOptin("newsletter", OptinState.Withdrawn, Some.Now).WithOptin("partners", OptinState.OptedIn, Some.Now),
        };
    }).ToList();
}
