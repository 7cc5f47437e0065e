using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// One context and one database transaction. Writes are flushed as they are made, so reads inside the transaction
/// see them; disposing without a commit rolls everything back.
/// </summary>
/// <remarks>
/// One contact per address (invariant 3): on PostgreSQL the transaction takes a transaction-scoped advisory lock on
/// the address key before looking it up or saving it, so a second transaction for the same new address waits and
/// then finds the first one's contact. On SQLite, write transactions are serialised: within a process by one async
/// lock per database, across processes by <c>BEGIN IMMEDIATE</c> (the default of Microsoft.Data.Sqlite), and a
/// transaction is a savepoint in a group commit (the provider's <see cref="IOptinWriter"/>). The rows of the hot path (contacts,
/// ledger, submissions, jobs, tokens) are read and written with prepared statements (<see cref="RowCommands"/>); the
/// rest goes through EF Core on the same connection and transaction.
/// <para>
/// No lost update (WD-4, DSR-2): a contact read in the transaction is the transaction's until it ends. On PostgreSQL
/// (READ COMMITTED) the read locks the contact's row (<c>FOR UPDATE</c>), and so does an erasure before anything else;
/// a second transaction that reads, saves or erases the contact waits, then reads what the first committed. On SQLite
/// the turn, and <c>BEGIN IMMEDIATE</c> of its group, are held from <see cref="BeginAsync"/> to the commit or rollback,
/// so no other writer runs in between. Saving a contact the transaction read is an update only: when the contact was
/// erased since, it is refused, never inserted again under the tombstone's id.
/// </para>
/// <para>
/// Lock order on PostgreSQL: an address's advisory lock before the row of the contact holding it. A look-up by id takes
/// the row alone; saving that contact under the same address then needs no advisory lock (the locked row keeps the
/// address, so nobody can create another contact for it), and a look-up of that address finds the locked contact
/// without one. An advisory lock after a row lock is left to a contact saved under a new address (rectification).
/// </para>
/// </remarks>
internal sealed partial class EntityFrameworkCoreOptinTransaction : IOptinTransaction
{
    private readonly DbContextLease? _lease;
    private readonly IDbContextTransaction? _transaction;
    private readonly IOptinWriteTurn? _turn;
    private readonly HashSet<string> _lockedKeys = new(StringComparer.Ordinal);

    /// <summary>
    /// The contacts saved in this transaction, as a read would return them: later reads of them need no round trip
    /// (the rules re-read the contact a submission just saved). Cleared by every set-based change of contacts.
    /// </summary>
    private readonly Dictionary<Guid, Contact> _saved = [];

    /// <summary>
    /// The contacts this transaction found stored, saved or erased: saving one of them is an update, and finding no row to
    /// update means it was erased (it is not inserted again).
    /// </summary>
    private readonly HashSet<Guid> _stored = [];

    /// <summary>The contacts whose row this transaction holds (PostgreSQL: locked), with the address key each holds…</summary>
    private readonly Dictionary<Guid, string> _held = [];

    /// <summary>… and the other way round.</summary>
    private readonly Dictionary<string, Guid> _holders = new(StringComparer.Ordinal);
    private bool _committed;
    private bool _disposed;

    private EntityFrameworkCoreOptinTransaction(OptinStorageProvider provider, DbContext db, RowCommands rows, DbContextLease? lease,
        IDbContextTransaction? transaction, IOptinWriteTurn? turn)
    {
        Provider = provider;
        Db = db;
        Rows = rows;
        _lease = lease;
        _transaction = transaction;
        _turn = turn;
    }

    internal SqlDialect Dialect => Rows.Dialect;

    /// <summary>The provider package's seam (bulk batches).</summary>
    internal OptinStorageProvider Provider { get; }

    /// <summary>Prepared statements on this transaction's connection (the SQLite writer's, or this transaction's own).</summary>
    internal RowCommands Rows { get; }

    internal DbContext Db { get; }

    /// <summary>
    /// With a provider's writer (SQLite's group commit), a turn on it; otherwise (PostgreSQL) a context and transaction
    /// of its own.
    /// </summary>
    public static async ValueTask<EntityFrameworkCoreOptinTransaction> BeginAsync(IOptinDbContextSource source, OptinStorageProvider provider,
        IOptinWriter? writer, CancellationToken cancellationToken)
    {
        if (writer is not null)
        {
            var turn = await writer.EnterAsync(source, cancellationToken);
            return new EntityFrameworkCoreOptinTransaction(provider, turn.Db, turn.Rows, null, null, turn);
        }

        var lease = await source.CreateAsync(cancellationToken);
        try
        {
            // Every write is flushed inside this transaction; savepoints around each flush would only add round trips.
            lease.Context.Database.AutoSavepointsEnabled = false;
            var transaction = await lease.Context.Database.BeginTransactionAsync(cancellationToken);
            var rows = new RowCommands(lease.Context.Database.GetDbConnection(), provider.Dialect) { Transaction = transaction.GetDbTransaction() };
            return new EntityFrameworkCoreOptinTransaction(provider, lease.Context, rows, lease, transaction, null);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    ValueTask<Contact?> IContactWriter.FindAsync(Guid contactId, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        return FindHeldAsync(contactId, cancellationToken);
    }

    async ValueTask<Contact?> IContactWriter.FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ThrowIfDone();
        if (_holders.TryGetValue(emailKey, out var holder))
        {
            // A contact whose row this transaction holds (a contact it saved, too) has the address: no advisory lock
            // after its row lock.
            return await FindHeldAsync(holder, cancellationToken);
        }

        await LockEmailKeyAsync(emailKey, cancellationToken);
        return Hold(await ContactRows.FindByEmailKeyAsync(Rows, emailKey, locked: true, cancellationToken));
    }

    async ValueTask IContactWriter.SaveAsync(Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ThrowIfDone();
        if (!_holders.TryGetValue(contact.EmailKey, out var holder) || holder != contact.Id)
        {
            await LockEmailKeyAsync(contact.EmailKey, cancellationToken);
        }

        var existing = _stored.Contains(contact.Id);
        var saved = await ContactRows.SaveAsync(Rows, contact, existing, cancellationToken)
            ?? throw new InvalidOperationException("The contact has been erased; it is not saved again under its id.");
        _saved[contact.Id] = saved;
        Hold(saved);
    }

    async ValueTask IConsentLedgerWriter.AppendAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ThrowIfDone();
        var ids = events.Select(e => e.Id).ToList();
        const string Duplicate = "A consent event is already in the ledger; the ledger is append-only.";
        if (ids.Distinct().Count() != ids.Count)
        {
            throw new InvalidOperationException(Duplicate);
        }

        // One insert per event, in order, so that the identity column follows the order of the list; an id already
        // in the ledger is refused by its unique index.
        foreach (var e in events)
        {
            await AppendChainedAsync(e, Duplicate, cancellationToken);
        }
    }

    async ValueTask ISubmissionWriter.AddAsync(SubmissionRecord submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ThrowIfDone();
        await RecordRows.AddSubmissionAsync(Rows, submission, cancellationToken);
    }

    public async ValueTask<long> SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(change);
        ThrowIfDone();
        _saved.Clear();
        _heads.Clear();
        if (_turn is not null)
        {
            // Memory stays flat: a savepoint would keep a copy of every page the change touches (SqliteGroupCommit.RunAloneAsync).
            await _turn.RunAloneAsync();
        }

        return await BulkOptinWriter.ApplyAsync(Db, Provider, query, change, BulkOptinWriter.DefaultBatchSize, cancellationToken);
    }

    public async ValueTask CommitAsync(CancellationToken cancellationToken)
    {
        ThrowIfDone();
        if (_turn is not null)
        {
            var durable = await _turn.LeaveAsync(commit: true);
            _committed = true;

            // Not cancellable: once the savepoint is released, the caller learns the outcome of the group's COMMIT.
            await durable;
            PublishSettings();
            PublishContent();
            PublishJobs();
            return;
        }

        await _transaction!.CommitAsync(cancellationToken);
        _committed = true;
        PublishSettings();
        PublishContent();
        PublishJobs();
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_turn is not null)
        {
            try
            {
                await _turn.LeaveAsync(commit: false);
            }
#pragma warning disable CA1031 // Disposing must not throw; a failed rollback has already failed the whole group.
            catch (Exception)
#pragma warning restore CA1031
            {
            }

            return;
        }

        await Rows.DisposeAsync();
        await _transaction!.DisposeAsync();
        await _lease!.DisposeAsync();
    }

    /// <summary>The contact as this transaction saved it, or read from its row, locked on PostgreSQL.</summary>
    private async ValueTask<Contact?> FindHeldAsync(Guid contactId, CancellationToken cancellationToken) =>
        _saved.TryGetValue(contactId, out var saved)
            ? saved
            : Hold(await ContactRows.FindByIdAsync(Rows, contactId, locked: true, cancellationToken));

    /// <summary>Notes a contact found or saved: its row is now this transaction's until it ends.</summary>
    private Contact? Hold(Contact? contact)
    {
        if (contact is not null)
        {
            _stored.Add(contact.Id);
            Release(contact.Id);
            _held[contact.Id] = contact.EmailKey;
            _holders[contact.EmailKey] = contact.Id;
        }

        return contact;
    }

    /// <summary>Forgets which address a contact held (its address changed, or it was erased).</summary>
    private void Release(Guid contactId)
    {
        if (_held.Remove(contactId, out var key) && _holders.TryGetValue(key, out var holder) && holder == contactId)
        {
            _holders.Remove(key);
        }
    }

    private async ValueTask LockEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
    {
        if (Dialect.IsPostgreSql && _lockedKeys.Add(emailKey))
        {
            await Rows.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@p0, 0))", cancellationToken, emailKey);
        }
    }

    /// <summary>Saves the tracked rows, then forgets them (the next change starts from a clean tracker).</summary>
    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            Db.ChangeTracker.Clear();
        }
    }

    private void ThrowIfDone()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_committed)
        {
            throw new InvalidOperationException("The transaction is already committed.");
        }
    }
}
