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
/// lock per database, across processes by <c>BEGIN IMMEDIATE</c> (the default of Microsoft.Data.Sqlite).
/// </remarks>
internal sealed partial class EntityFrameworkCoreOptinTransaction : IOptinTransaction
{
    private readonly DbContextLease _lease;
    private readonly IDbContextTransaction _transaction;
    private readonly SemaphoreSlim? _writeLock;
    private readonly HashSet<string> _lockedKeys = new(StringComparer.Ordinal);
    private bool _committed;
    private bool _disposed;

    private EntityFrameworkCoreOptinTransaction(DbContextLease lease, IDbContextTransaction transaction, SqlDialect dialect, SemaphoreSlim? writeLock)
    {
        _lease = lease;
        _transaction = transaction;
        Dialect = dialect;
        _writeLock = writeLock;
    }

    internal SqlDialect Dialect { get; }

    internal DbContext Db => _lease.Context;

    public static async ValueTask<EntityFrameworkCoreOptinTransaction> BeginAsync(IOptinDbContextSource source, CancellationToken cancellationToken)
    {
        var lease = await source.CreateAsync(cancellationToken);
        SemaphoreSlim? writeLock = null;
        try
        {
            var dialect = SqlDialect.For(lease.Context);
            writeLock = await SqliteWriteLock.EnterAsync(lease.Context, dialect, cancellationToken);

            // Every write is flushed inside this transaction; savepoints around each flush would only add round trips.
            lease.Context.Database.AutoSavepointsEnabled = false;
            var transaction = await lease.Context.Database.BeginTransactionAsync(cancellationToken);
            return new EntityFrameworkCoreOptinTransaction(lease, transaction, dialect, writeLock);
        }
        catch
        {
            writeLock?.Release();
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
        await _transaction.CommitAsync(cancellationToken);
        _committed = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            await _transaction.DisposeAsync();
            await _lease.DisposeAsync();
        }
        finally
        {
            _writeLock?.Release();
        }
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
