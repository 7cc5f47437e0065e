using Optin.Forms.Consent;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Storage;
using Optin.Forms.Testing;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// The ledger chain suite (LEDG-1) against the EF Core store, tampered with by plain SQL on a connection of its own:
/// an edited text, two swapped sequences, a deleted entry, a consistent forgery of an entry and its head.
/// </summary>
public abstract class EntityFrameworkCoreLedgerChainTests : LedgerChainConformanceTests
{
    private readonly List<StoreHost> _hosts = [];

    /// <summary>Whether the store is on PostgreSQL (else a SQLite file).</summary>
    protected abstract bool OnPostgres { get; }

    /// <inheritdoc />
    protected override async ValueTask<IOptinStore> CreateStoreAsync()
    {
        var host = OnPostgres ? await StoreHost.PostgresAsync() : await StoreHost.SqliteAsync();
        _hosts.Add(host);
        return host.Store;
    }

    /// <inheritdoc />
    protected override async ValueTask SetConsentTextAsync(IOptinStore store, ConsentEvent entry, string text) =>
        Assert.Equal(1, await RawSql.ExecuteAsync(Host(store), "UPDATE optin_consent_events SET consent_text = @p0 WHERE id = @p1", text, entry.Id));

    /// <inheritdoc />
    protected override async ValueTask SwapSequencesAsync(IOptinStore store, ConsentEvent first, ConsentEvent second)
    {
        var host = Host(store);
        await RawSql.ExecuteAsync(host, "UPDATE optin_consent_events SET sequence = -1 WHERE id = @p0", first.Id);
        await RawSql.ExecuteAsync(host, "UPDATE optin_consent_events SET sequence = @p0 WHERE id = @p1", first.Sequence, second.Id);
        Assert.Equal(1, await RawSql.ExecuteAsync(host, "UPDATE optin_consent_events SET sequence = @p0 WHERE id = @p1", second.Sequence, first.Id));
    }

    /// <inheritdoc />
    protected override async ValueTask DeleteAsync(IOptinStore store, ConsentEvent entry) =>
        Assert.Equal(1, await RawSql.ExecuteAsync(Host(store), "DELETE FROM optin_consent_events WHERE id = @p0", entry.Id));

    /// <inheritdoc />
    protected override async ValueTask ForgeAsync(IOptinStore store, ConsentEvent entry, string text, string hash)
    {
        var host = Host(store);
        Assert.Equal(1, await RawSql.ExecuteAsync(host, "UPDATE optin_consent_events SET consent_text = @p0, hash = @p1 WHERE id = @p2", text, hash, entry.Id));
        Assert.Equal(1, await RawSql.ExecuteAsync(host, "UPDATE optin_chain_heads SET head_hash = @p0 WHERE contact_id = @p1", hash, entry.ContactId));
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
    }

    private StoreHost Host(IOptinStore store) => _hosts.Single(h => ReferenceEquals(h.Store, store));
}

/// <summary>The ledger chain suite on a SQLite file.</summary>
public sealed class SqliteLedgerChainTests : EntityFrameworkCoreLedgerChainTests
{
    /// <inheritdoc />
    protected override bool OnPostgres => false;
}

/// <summary>The ledger chain suite on PostgreSQL (skipped without OPTIN_TEST_POSTGRES).</summary>
[RequiresPostgres]
public sealed class PostgresLedgerChainTests : EntityFrameworkCoreLedgerChainTests
{
    /// <inheritdoc />
    protected override bool OnPostgres => true;
}
