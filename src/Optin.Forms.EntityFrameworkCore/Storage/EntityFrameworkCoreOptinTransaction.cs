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
/// transaction is a savepoint in a group commit (<see cref="SqliteGroupCommit"/>).
/// </remarks>
internal sealed partial class EntityFrameworkCoreOptinTransaction : IOptinTransaction
{
    private readonly DbContextLease? _lease;
    private readonly IDbContextTransaction? _transaction;
    private readonly SqliteWriteTurn? _turn;
    private readonly HashSet<string> _lockedKeys = new(StringComparer.Ordinal);
    private bool _committed;
    private bool _disposed;

    private EntityFrameworkCoreOptinTransaction(DbContext db, SqlDialect dialect, DbContextLease? lease, IDbContextTransaction? transaction,
        SqliteWriteTurn? turn)
    {
        Db = db;
        Dialect = dialect;
        _lease = lease;
        _transaction = transaction;
        _turn = turn;
    }

    internal SqlDialect Dialect { get; }

    internal DbContext Db { get; }

    /// <summary>
    /// On SQLite, a turn in the database's group commit (<paramref name="writer"/>); on PostgreSQL, a context and
    /// transaction of its own.
    /// </summary>
    public static async ValueTask<EntityFrameworkCoreOptinTransaction> BeginAsync(IOptinDbContextSource source, SqliteGroupCommit? writer,
        CancellationToken cancellationToken)
    {
        if (writer is not null)
        {
            var turn = await writer.EnterAsync(source, cancellationToken);
            return new EntityFrameworkCoreOptinTransaction(turn.Db, SqlDialect.Sqlite, null, null, turn);
        }

        var lease = await source.CreateAsync(cancellationToken);
        try
        {
            var dialect = SqlDialect.For(lease.Context);

            // Every write is flushed inside this transaction; savepoints around each flush would only add round trips.
            lease.Context.Database.AutoSavepointsEnabled = false;
            var transaction = await lease.Context.Database.BeginTransactionAsync(cancellationToken);
            return new EntityFrameworkCoreOptinTransaction(lease.Context, dialect, lease, transaction, null);
        }
        catch
        {
            await lease.DisposeAsync();
            throw;
        }
    }

    public async ValueTask<Contact?> FindContactAsync(Guid contactId, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        return await ContactLoader.FindAsync(Db, c => c.Id == contactId, cancellationToken);
    }

    public async ValueTask<Contact?> FindContactByEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        ThrowIfDone();
        await LockEmailKeyAsync(emailKey, cancellationToken);
        return await ContactLoader.FindAsync(Db, c => c.EmailKey == emailKey, cancellationToken);
    }

    public async ValueTask SaveContactAsync(Contact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        ThrowIfDone();
        await LockEmailKeyAsync(contact.EmailKey, cancellationToken);
        var contacts = Db.Set<ContactEntity>();
        var holders = await contacts.Where(c => c.Id == contact.Id || c.EmailKey == contact.EmailKey).ToListAsync(cancellationToken);
        if (holders.Any(c => c.Id != contact.Id))
        {
            throw new InvalidOperationException("Another contact already holds this email address.");
        }

        var row = EntityMapper.ToEntity(contact);
        var existing = holders.FirstOrDefault();
        if (existing is null)
        {
            contacts.Add(row);
        }
        else
        {
            EntityMapper.CopyTo(row, existing);
            await Db.Set<ContactFieldEntity>().Where(f => f.ContactId == contact.Id).ExecuteDeleteAsync(cancellationToken);
            await Db.Set<ContactTagEntity>().Where(t => t.ContactId == contact.Id).ExecuteDeleteAsync(cancellationToken);
            await Db.Set<ContactOptinEntity>().Where(o => o.ContactId == contact.Id).ExecuteDeleteAsync(cancellationToken);
        }

        Db.Set<ContactFieldEntity>().AddRange(EntityMapper.Fields(contact));
        Db.Set<ContactTagEntity>().AddRange(EntityMapper.Tags(contact));
        Db.Set<ContactOptinEntity>().AddRange(EntityMapper.Optins(contact));
        await FlushAsync(cancellationToken);
    }

    public async ValueTask AppendConsentEventsAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ThrowIfDone();
        var ids = events.Select(e => e.Id).ToList();
        if (ids.Distinct().Count() != ids.Count
            || await Db.Set<ConsentEventEntity>().AnyAsync(e => ids.Contains(e.Id), cancellationToken))
        {
            throw new InvalidOperationException("A consent event is already in the ledger; the ledger is append-only.");
        }

        // One insert per event, in order, so that the identity column follows the order of the list.
        foreach (var e in events)
        {
            Db.Set<ConsentEventEntity>().Add(EntityMapper.ToEntity(e));
            await FlushAsync(cancellationToken);
        }
    }

    public async ValueTask AddSubmissionAsync(SubmissionRecord submission, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ThrowIfDone();
        if (await Db.Set<SubmissionEntity>().AnyAsync(s => s.Id == submission.Id, cancellationToken))
        {
            throw new InvalidOperationException($"The submission {submission.Id} is already stored.");
        }

        Db.Set<SubmissionEntity>().Add(EntityMapper.ToEntity(submission));
        await FlushAsync(cancellationToken);
    }

    public ValueTask<long> SetOptinInBulkAsync(ContactQuery query, BulkOptinChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(change);
        ThrowIfDone();
        return BulkOptinWriter.ApplyAsync(Db, Dialect, query, change, BulkOptinWriter.DefaultBatchSize, cancellationToken);
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
            return;
        }

        await _transaction!.CommitAsync(cancellationToken);
        _committed = true;
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

        await _transaction!.DisposeAsync();
        await _lease!.DisposeAsync();
    }

    private async ValueTask LockEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
    {
        if (Dialect.IsPostgreSql && _lockedKeys.Add(emailKey))
        {
            await Db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(hashtextextended({0}, 0))", [emailKey], cancellationToken);
        }
    }

    private async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await Db.SaveChangesAsync(cancellationToken);
        Db.ChangeTracker.Clear();
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
