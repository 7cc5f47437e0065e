using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.DependencyInjection;
using Optin.Forms.DoubleOptin;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>A double opt-in request on a query against a real database: batches, lazy reading, paced due times.</summary>
public abstract class QueryRequestStoreTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private protected abstract Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure);

    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task RequestForQueryAsync_SevenMatchesBatchesOfThree_ThreeTransactionsAndPacedJobs()
    {
        await using var host = await CreateHostAsync(b =>
        {
            b.Configure(o =>
            {
                o.DoubleOptin.QueryBatchSize = 3;
                o.DoubleOptin.QueryRequestsPerMinute = 20;
            });
            var inner = b.Services.Last(d => d.ServiceType == typeof(IOptinStore));
            b.Services.Remove(inner);
            b.Services.AddSingleton(sp => new RecordingStore(inner.ImplementationFactory is { } factory
                ? (IOptinStore)factory(sp)
                : inner.ImplementationInstance as IOptinStore ?? (IOptinStore)ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)));
            b.Services.AddSingleton<IOptinStore>(sp => sp.GetRequiredService<RecordingStore>());
        });
        var contacts = host.Services.GetRequiredService<ContactOptinService>();
        for (var i = 0; i < 7; i++)
        {
            await contacts.AddContactAsync(new NewContact($"visitor{i}@salon.example", ContactKind.Lead,
                ImmutableDictionary<string, string>.Empty.Add("source", "salon")), None);
        }

        await contacts.AddContactAsync(new NewContact("other@salon.example", ContactKind.Lead,
            ImmutableDictionary<string, string>.Empty.Add("source", "web")), None);
        var recording = host.Services.GetRequiredService<RecordingStore>();
        recording.Events.Clear();

        var result = await host.Services.GetRequiredService<DoubleOptinRequestService>().RequestForQueryAsync(
            new ContactQuery { FieldEquals = ImmutableDictionary<string, string>.Empty.Add("source", "salon") }, "newsletter", "fr", None);

        Assert.Equal(7, result.Count);
        Assert.Equal(["read", "read", "read", "begin", "read", "read", "read", "begin", "read", "begin"], recording.Events);
        var jobs = await host.Store.Jobs.ListJobsAsync(null, None).Where(j => j.Action == DoubleOptinRequestService.Action).ToListAsync();
        Assert.Equal(7, jobs.Select(j => j.ContactId).Distinct().Count());
        // 20 a minute: one every 3 seconds.
        Assert.Equal(Enumerable.Range(0, 7).Select(i => Some.Now + Duration.FromSeconds(3 * i)), jobs.Select(j => j.DueAt).Order());
    }

    /// <summary>The host's store, recording when contacts are read and transactions begun.</summary>
    private sealed class RecordingStore(IOptinStore inner) : IOptinStore, IContactReader
    {
        public List<string> Events { get; } = [];

        public IContactReader Contacts => this;

        public IConsentLedgerReader Ledger => inner.Ledger;

        public ISubmissionReader Submissions => inner.Submissions;

        public IJobStore Jobs => inner.Jobs;

        public IEvidenceArchiveReader Archive => inner.Archive;

        public ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
        {
            Events.Add("begin");
            return inner.BeginTransactionAsync(cancellationToken);
        }

        public ValueTask<Contact?> FindAsync(Guid contactId, CancellationToken cancellationToken) => inner.Contacts.FindAsync(contactId, cancellationToken);

        public ValueTask<Contact?> FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken) =>
            inner.Contacts.FindByEmailKeyAsync(emailKey, cancellationToken);

        public ValueTask<long> CountAsync(ContactQuery query, CancellationToken cancellationToken) => inner.Contacts.CountAsync(query, cancellationToken);

        public async IAsyncEnumerable<Contact> QueryAsync(ContactQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var contact in inner.Contacts.QueryAsync(query, cancellationToken))
            {
                Events.Add("read");
                yield return contact;
            }
        }
    }
}

public sealed class SqliteQueryRequestStoreTests : QueryRequestStoreTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure) => StoreHost.SqliteAsync(configure);
}

[RequiresPostgres]
public sealed class PostgresQueryRequestStoreTests : QueryRequestStoreTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure) => StoreHost.PostgresAsync(configure);
}
