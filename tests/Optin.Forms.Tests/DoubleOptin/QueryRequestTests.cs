using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.DoubleOptin;

/// <summary>A double opt-in request on a query streams its matches in batches and paces the emails.</summary>
public sealed class QueryRequestTests
{
    private static readonly ContactQuery Salon = new() { FieldEquals = ImmutableDictionary<string, string>.Empty.Add("source", "salon") };

    private static async Task<Flow> StartAsync(int contacts)
    {
        var flow = Flow.Start(s =>
        {
            s["OptinForms:DoubleOptin:QueryBatchSize"] = "2";
            s["OptinForms:DoubleOptin:QueryRequestsPerMinute"] = "30";
        }, b => b.UseStore<RecordingStore>());
        var service = flow.Services.GetRequiredService<ContactOptinService>();
        for (var i = 0; i < contacts; i++)
        {
            await service.AddContactAsync(new NewContact($"visitor{i}@salon.example", ContactKind.Lead,
                ImmutableDictionary<string, string>.Empty.Add("source", "salon")), default);
        }

        flow.Services.GetRequiredService<RecordingStore>().Events.Clear();
        return flow;
    }

    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task RequestForQueryAsync_MoreMatchesThanABatch_OneTransactionPerBatchReadLazily()
    {
        using var flow = await StartAsync(contacts: 5);
        var store = flow.Services.GetRequiredService<RecordingStore>();

        var result = await flow.Services.GetRequiredService<DoubleOptinRequestService>().RequestForQueryAsync(Salon, "newsletter", "fr", default);

        Assert.True(result.Succeeded);
        Assert.Equal(5, result.Count);
        // ceil(5 / 2) = 3 transactions, each begun once its batch was read and before the next contact was.
        Assert.Equal(["read", "read", "begin", "read", "read", "begin", "read", "begin"], store.Events);
        Assert.Equal(5, (await flow.JobsAsync()).Count(j => j.Action == DoubleOptinRequestService.Action));
    }

    [Fact]
    [Trait("Requirement", "DOI-7")]
    public async Task RequestForQueryAsync_Rate_DueTimesSpreadAndWorkerSendsAtThatRate()
    {
        using var flow = await StartAsync(contacts: 5);
        var start = flow.Clock.GetCurrentInstant();

        await flow.Services.GetRequiredService<DoubleOptinRequestService>().RequestForQueryAsync(Salon, "newsletter", "fr", default);
        var due = (await flow.JobsAsync()).Select(j => j.DueAt).Order().ToList();
        await flow.RunAsync();
        var sentAtOnce = flow.Mail.Messages.Count;
        flow.Advance(Duration.FromSeconds(2));
        await flow.RunAsync();
        var sentAfterTwoSeconds = flow.Mail.Messages.Count;
        flow.Advance(Duration.FromSeconds(6));
        await flow.RunAsync();

        // 30 a minute: one every 2 seconds.
        Assert.Equal(Enumerable.Range(0, 5).Select(i => start + Duration.FromSeconds(2 * i)), due);
        Assert.Equal(1, sentAtOnce);
        Assert.Equal(2, sentAfterTwoSeconds);
        Assert.Equal(5, flow.Mail.Messages.Count);
    }

    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task RequestForQueryAsync_ByAnOperator_EachQueuedContactGetsALedgerEntryWithActorAndReason()
    {
        using var flow = await StartAsync(contacts: 3);
        var services = flow.Services.GetRequiredService<ContactOptinService>();
        var store = flow.Services.GetRequiredService<IOptinStore>();
        var ids = new List<Guid>();
        await foreach (var c in store.Contacts.QueryAsync(Salon, default))
        {
            ids.Add(c.Id);
        }

        // One already opted in by hand: no job, so no request entry for it.
        await services.SetOptinAsync(new ManualOptinChange(ids[0], "newsletter", OptinState.OptedIn, "dpo", "paper form", "consent"), default);

        var result = await flow.Services.GetRequiredService<DoubleOptinRequestService>()
            .RequestForQueryAsync(Salon, "newsletter", "fr", "marie@atelier", "trade show cards", default);

        Assert.Equal(2, result.Count);
        Assert.DoesNotContain(await store.Ledger.ReadAsync(ids[0], default).ToListAsync(), e => e.Kind == ConsentEventKind.DoubleOptinRequested);
        foreach (var id in ids.Skip(1))
        {
            var entry = Assert.Single(await store.Ledger.ReadAsync(id, default).ToListAsync(), e => e.Kind == ConsentEventKind.DoubleOptinRequested);
            Assert.Equal(("marie@atelier", "trade show cards", ConsentMethod.Bulk, "newsletter", OptinState.None),
                (entry.Actor, entry.Reason, entry.Method, entry.PurposeId, entry.State));
        }

        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await flow.Services.GetRequiredService<DoubleOptinRequestService>()
            .RequestForQueryAsync(Salon, "newsletter", "fr", "marie@atelier", " ", default));
    }

    [Theory]
    [InlineData("QueryBatchSize", "0", "OptinForms:DoubleOptin:QueryBatchSize: must be between 1 and 10000")]
    [InlineData("QueryRequestsPerMinute", "0", "OptinForms:DoubleOptin:QueryRequestsPerMinute: must be between 1 and 1000000")]
    [InlineData("QueryBatchSize", "many", "OptinForms:DoubleOptin:QueryBatchSize: expected a whole number, found 'many'")]
    [Trait("Requirement", "CFG-1")]
    public void Start_InvalidQuerySetting_FailsWithItsPath(string key, string value, string expected)
    {
        var settings = Flow.Settings();
        settings["OptinForms:DoubleOptin:" + key] = value;
        using var services = Some.Services(out _, settings);

        var ex = Assert.ThrowsAny<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<OptinFormsOptions>>().Value);

        Assert.Contains(expected, ex.Failures);
    }

    /// <summary>The in-memory store, recording when contacts are read and transactions begun and committed.</summary>
    internal sealed class RecordingStore(InMemoryOptinStore inner) : IOptinStore, IContactReader
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
