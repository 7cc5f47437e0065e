using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;

namespace Optin.Forms.Testing;

/// <summary>
/// The ledger's hash chain (LEDG-1) on every store: each append is linked to the contact's previous entry in the same
/// transaction, and tampering done behind the library's back (the store's own raw writes, supplied by each subclass)
/// is found by <see cref="LedgerChainService"/>, which names the first broken entry.
/// </summary>
/// <remarks>Linked into the EF Core test project like the other conformance suites: public seams only.</remarks>
public abstract class LedgerChainConformanceTests : IAsyncLifetime
{
    private static readonly Instant T0 = StoreTestData.Now;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<IOptinStore> _stores = [];

    /// <summary>Creates a new, empty store.</summary>
    protected abstract ValueTask<IOptinStore> CreateStoreAsync();

    /// <summary>Changes the stored consent text of an entry, behind the store's back.</summary>
    protected abstract ValueTask SetConsentTextAsync(IOptinStore store, ConsentEvent entry, string text);

    /// <summary>Swaps the stored sequences of two entries, behind the store's back.</summary>
    protected abstract ValueTask SwapSequencesAsync(IOptinStore store, ConsentEvent first, ConsentEvent second);

    /// <summary>Deletes an entry, behind the store's back.</summary>
    protected abstract ValueTask DeleteAsync(IOptinStore store, ConsentEvent entry);

    /// <summary>Rewrites an entry's consent text and hash and its contact's head hash: a consistent forgery.</summary>
    protected abstract ValueTask ForgeAsync(IOptinStore store, ConsentEvent entry, string text, string hash);

    /// <inheritdoc />
    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public virtual async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            switch (store)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync();
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }

    /// <summary>Append, three entries: each chained to the previous of the same contact and verifies.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Append_ThreeEntries_EachChainedToThePreviousOfTheSameContactAndVerifies()
    {
        var store = await NewStoreAsync();
        var (contact, entries) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 3);
        var (other, _) = await ContactWithEntriesAsync(store, "marie@exemple.fr", 1);

        Assert.Equal(LedgerChain.Genesis, entries[0].PreviousHash);
        Assert.Equal(entries[0].Hash, entries[1].PreviousHash);
        Assert.Equal(entries[1].Hash, entries[2].PreviousHash);
        Assert.All(entries, e => Assert.Equal(LedgerChain.ComputeHash(e, e.PreviousHash!), e.Hash));
        Assert.Matches("^[0-9a-f]{64}$", entries[2].Hash);
        Assert.Equal(new ChainHead(contact, entries[2].Hash!, 3), await store.Chain.FindHeadAsync(contact, None));
        var report = await Chains(store).VerifyAsync(null, null, None);
        Assert.True(report.IsIntact, report.FirstBroken?.Detail);
        Assert.Equal(2, report.Contacts);
        Assert.Equal(4, report.Entries);
        Assert.True((await Chains(store).VerifyAsync(other, null, None)).IsIntact);
    }

    /// <summary>Verify, entry text edited: reports hash mismatch at that entry.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Verify_EntryTextEdited_ReportsHashMismatchAtThatEntry()
    {
        var store = await NewStoreAsync();
        var (contact, entries) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 3);
        await ContactWithEntriesAsync(store, "marie@exemple.fr", 2);

        await SetConsentTextAsync(store, entries[1], "J'accepte tout.");

        var report = await Chains(store).VerifyAsync(null, null, None);
        Assert.Equal(new ChainProblem(contact, entries[1].Sequence, ChainProblemKind.HashMismatch, report.FirstBroken!.Detail), report.FirstBroken);
        Assert.Single(report.Problems);
        Assert.False((await Chains(store).VerifyAsync(contact, null, None)).IsIntact);
    }

    /// <summary>Verify, two entries reordered: reports broken link at the first moved entry.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Verify_TwoEntriesReordered_ReportsBrokenLinkAtTheFirstMovedEntry()
    {
        var store = await NewStoreAsync();
        var (contact, entries) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 3);

        await SwapSequencesAsync(store, entries[0], entries[1]);

        var broken = (await Chains(store).VerifyAsync(null, null, None)).FirstBroken;
        Assert.NotNull(broken);
        Assert.Equal(contact, broken.ContactId);
        Assert.Equal(ChainProblemKind.BrokenLink, broken.Kind);
        Assert.Equal(entries[0].Sequence, broken.Sequence); // the second entry now sits first
    }

    /// <summary>Verify, entry deleted in the middle: reports missing entry at the one after it.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Verify_EntryDeletedInTheMiddle_ReportsMissingEntryAtTheOneAfterIt()
    {
        var store = await NewStoreAsync();
        var (contact, entries) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 3);

        await DeleteAsync(store, entries[1]);

        var broken = (await Chains(store).VerifyAsync(contact, null, None)).FirstBroken;
        Assert.Equal(new ChainProblem(contact, entries[2].Sequence, ChainProblemKind.MissingEntry, broken!.Detail), broken);
    }

    /// <summary>Verify, last entry deleted: reports missing entry after the chain.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Verify_LastEntryDeleted_ReportsMissingEntryAfterTheChain()
    {
        var store = await NewStoreAsync();
        var (contact, entries) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 3);

        await DeleteAsync(store, entries[2]);

        var broken = (await Chains(store).VerifyAsync(null, null, None)).FirstBroken;
        Assert.Equal(new ChainProblem(contact, null, ChainProblemKind.MissingEntry, broken!.Detail), broken);
    }

    /// <summary>Erase, one contact: removes its chain whole and every chain still verifies.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    [Trait("Requirement", "DSR-5")]
    public async Task Erase_OneContact_RemovesItsChainWholeAndEveryChainStillVerifies()
    {
        var store = await NewStoreAsync();
        var (erased, _) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 3);
        var (kept, keptEntries) = await ContactWithEntriesAsync(store, "marie@exemple.fr", 2);

        await using (var tx = await store.BeginTransactionAsync(None))
        {
            Assert.True(await tx.Contacts.EraseAsync(erased, Tombstone(erased), None));
            await tx.CommitAsync(None);
        }

        var tombstone = Assert.Single(await store.Ledger.ReadAsync(erased, None).ToListAsync());
        Assert.Equal(LedgerChain.Genesis, tombstone.PreviousHash); // the tombstone starts a chain of its own
        Assert.Equal(new ChainHead(erased, tombstone.Hash!, 1), await store.Chain.FindHeadAsync(erased, None));
        Assert.Equal(keptEntries[1].Hash, (await store.Chain.FindHeadAsync(kept, None))?.Hash);
        var report = await Chains(store).VerifyAsync(null, null, None);
        Assert.True(report.IsIntact, report.FirstBroken?.Detail);
        Assert.Equal(3, report.Entries);
    }

    /// <summary>DeleteTombstones, after their retention: take their chain head along and every chain still verifies.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    [Trait("Requirement", "RET-4")]
    public async Task DeleteTombstones_AfterTheirRetention_TakeTheirChainHeadAlongAndEveryChainStillVerifies()
    {
        var store = await NewStoreAsync();
        var (erased, _) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 2);
        await ContactWithEntriesAsync(store, "marie@exemple.fr", 2);
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            Assert.True(await tx.Contacts.EraseAsync(erased, Tombstone(erased), None));
            await tx.CommitAsync(None);
        }

        await using (var tx = await store.BeginTransactionAsync(None))
        {
            Assert.Equal(1, await tx.Retention.DeleteTombstonesAsync(Instant.MaxValue, 10, None));
            await tx.CommitAsync(None);
        }

        Assert.Empty(await store.Ledger.ReadAsync(erased, None).ToListAsync());
        Assert.Null(await store.Chain.FindHeadAsync(erased, None));
        var report = await Chains(store).VerifyAsync(null, null, None);
        Assert.True(report.IsIntact, report.FirstBroken?.Detail);
        Assert.Equal(2, report.Entries);
    }

    /// <summary>VerifyAgainstCheckpoint, chain rewritten consistently before it: reports checkpoint mismatch.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task VerifyAgainstCheckpoint_ChainRewrittenConsistentlyBeforeIt_ReportsCheckpointMismatch()
    {
        var store = await NewStoreAsync();
        var (contact, entries) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 1);
        await ContactWithEntriesAsync(store, "marie@exemple.fr", 2);
        var checkpoint = await Chains(store).CheckpointAsync(None);

        // The forger knows the (public) algorithm: the entry, its hash and the head all agree again.
        var forged = entries[0] with { ConsentText = "J'accepte tout." };
        await ForgeAsync(store, entries[0], forged.ConsentText, LedgerChain.ComputeHash(forged, LedgerChain.Genesis));

        Assert.True((await Chains(store).VerifyAsync(null, null, None)).IsIntact);
        var broken = (await Chains(store).VerifyAsync(null, checkpoint, None)).FirstBroken;
        Assert.Equal(new ChainProblem(contact, entries[0].Sequence, ChainProblemKind.CheckpointMismatch, broken!.Detail), broken);
    }

    /// <summary>VerifyAgainstCheckpoint, appends and an erasure since it: verifies.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task VerifyAgainstCheckpoint_AppendsAndAnErasureSinceIt_Verifies()
    {
        var store = await NewStoreAsync();
        var (erased, _) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 2);
        var (kept, _) = await ContactWithEntriesAsync(store, "marie@exemple.fr", 1);
        var checkpoint = await Chains(store).CheckpointAsync(None);
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Ledger.AppendAsync([Entry(kept, 9)], None);
            await tx.Contacts.EraseAsync(erased, Tombstone(erased), None);
            await tx.CommitAsync(None);
        }

        var report = await Chains(store).VerifyAsync(null, checkpoint, None);

        Assert.True(report.IsIntact, report.FirstBroken?.Detail);
        Assert.Equal(2, checkpoint.Heads.Count);
        Assert.Equal(LedgerChain.CheckpointDigest(checkpoint.Heads), checkpoint.Digest);
    }

    /// <summary>Checkpoint, json round trip: keeps heads and refuses an edited file.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Checkpoint_JsonRoundTrip_KeepsHeadsAndRefusesAnEditedFile()
    {
        var store = await NewStoreAsync();
        await ContactWithEntriesAsync(store, "jean@exemple.fr", 2);
        var checkpoint = await Chains(store).CheckpointAsync(None);
        using var json = new MemoryStream();
        await checkpoint.WriteJsonAsync(json, None);

        var read = await LedgerCheckpoint.ReadJsonAsync(new MemoryStream(json.ToArray()), None);
        var edited = System.Text.Encoding.UTF8.GetString(json.ToArray()).Replace("\"length\": 2", "\"length\": 1", StringComparison.Ordinal);

        Assert.Equal(checkpoint.Digest, read.Digest);
        Assert.Equal(checkpoint.Heads, read.Heads);
        await Assert.ThrowsAsync<FormatException>(() => LedgerCheckpoint.ReadJsonAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(edited)), None));
    }

    /// <summary>Append, concurrent transactions on one contact: do not fork the chain.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task Append_ConcurrentTransactionsOnOneContact_DoNotForkTheChain()
    {
        var store = await NewStoreAsync();
        var (contact, _) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 1);

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(None);
            await tx.Ledger.AppendAsync([Entry(contact, i)], None);
            await tx.CommitAsync(None);
        })));

        var entries = await store.Ledger.ReadAsync(contact, None).ToListAsync();
        Assert.Equal(9, entries.Select(e => e.PreviousHash).Distinct().Count());
        Assert.Equal(9, (await store.Chain.FindHeadAsync(contact, None))?.Length);
        Assert.True((await Chains(store).VerifyAsync(null, null, None)).IsIntact);
    }

    /// <summary>SetOptinInBulk: chains each changed contacts entry after its head.</summary>
    [Fact]
    [Trait("Requirement", "LEDG-1")]
    public async Task SetOptinInBulk_ChainsEachChangedContactsEntryAfterItsHead()
    {
        var store = await NewStoreAsync();
        var (before, entries) = await ContactWithEntriesAsync(store, "jean@exemple.fr", 2);
        var (fresh, _) = await ContactWithEntriesAsync(store, "marie@exemple.fr", 0);

        await using (var tx = await store.BeginTransactionAsync(None))
        {
            Assert.Equal(2, await tx.Contacts.SetOptinInBulkAsync(new ContactQuery(), new BulkOptinChange("newsletter", OptinState.OptedIn, false,
                Entry(Guid.Empty, 0) with { Kind = ConsentEventKind.SetInBulk, Method = ConsentMethod.Bulk, State = OptinState.OptedIn }), None));
            await tx.CommitAsync(None);
        }

        var bulk = (await store.Ledger.ReadAsync(before, None).ToListAsync())[^1];
        Assert.Equal(entries[1].Hash, bulk.PreviousHash);
        Assert.Equal(LedgerChain.ComputeHash(bulk, bulk.PreviousHash!), bulk.Hash);
        Assert.Equal(LedgerChain.Genesis, Assert.Single(await store.Ledger.ReadAsync(fresh, None).ToListAsync()).PreviousHash);
        Assert.Equal(3, (await store.Chain.FindHeadAsync(before, None))?.Length);
        var report = await Chains(store).VerifyAsync(null, null, None);
        Assert.True(report.IsIntact, report.FirstBroken?.Detail);
        Assert.Equal(4, report.Entries);
    }

    private static LedgerChainService Chains(IOptinStore store) => new(store, TestClocks.Create(T0 + Duration.FromDays(1)));

    private async ValueTask<IOptinStore> NewStoreAsync()
    {
        var store = await CreateStoreAsync();
        _stores.Add(store);
        return store;
    }

    /// <summary>A contact with <paramref name="count"/> entries appended one transaction each; the entries as stored.</summary>
    private static async Task<(Guid Id, List<ConsentEvent> Entries)> ContactWithEntriesAsync(IOptinStore store, string email, int count)
    {
        var contact = new Contact { Id = Guid.NewGuid(), Email = email, EmailKey = email, CreatedAt = T0, UpdatedAt = T0, LastActivityAt = T0 };
        await using (var tx = await store.BeginTransactionAsync(None))
        {
            await tx.Contacts.SaveAsync(contact, None);
            await tx.CommitAsync(None);
        }

        for (var i = 0; i < count; i++)
        {
            await using var tx = await store.BeginTransactionAsync(None);
            await tx.Ledger.AppendAsync([Entry(contact.Id, i)], None);
            await tx.CommitAsync(None);
        }

        return (contact.Id, await store.Ledger.ReadAsync(contact.Id, None).ToListAsync());
    }

    private static ConsentEvent Entry(Guid contactId, int i) => new()
    {
        Id = Guid.NewGuid(),
        ContactId = contactId,
        Kind = i == 0 ? ConsentEventKind.Given : ConsentEventKind.Confirmed,
        State = i == 0 ? OptinState.PendingConfirmation : OptinState.OptedIn,
        Method = ConsentMethod.Form,
        OccurredAt = T0 + Duration.FromMinutes(i),
        PurposeId = "newsletter",
        ConsentText = "J'accepte de recevoir la lettre d'information d'Atelier Dupont par e-mail.",
        ConsentTextSha256 = new string('a', 64),
        Culture = "fr",
        IpAddress = "203.0.113.0",
    };

    private static ConsentEvent Tombstone(Guid contactId) => StoreTestData.Tombstone(contactId, T0 + Duration.FromDays(2));
}
