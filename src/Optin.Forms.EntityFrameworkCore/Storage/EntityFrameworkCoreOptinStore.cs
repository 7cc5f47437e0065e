using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using M = Optin.Forms.EntityFrameworkCore.OptinFormsModel;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// The EF Core store: every read uses a fresh context, every transaction its own context and database transaction.
/// </summary>
internal sealed partial class EntityFrameworkCoreOptinStore(IOptinDbContextSource source, IEnumerable<OptinStorageProvider> providers,
    Jobs.JobSignal? jobSignal = null)
    : IOptinStore, IContactReader, IConsentLedgerReader, ISubmissionReader
{
    /// <summary>Contacts are streamed in pages of this size (keyset pagination), so memory stays flat.</summary>
    internal const int PageSize = 500;

    public IContactReader Contacts => this;

    public IConsentLedgerReader Ledger => this;

    public ISubmissionReader Submissions => this;

    private OptinStorageProvider? _provider;
    private IOptinWriter? _writer;

    internal IOptinDbContextSource Source => source;

    /// <summary>Settings read or written by a committed transaction: write-once, so they can be kept (CFG-6).</summary>
    private readonly ConcurrentDictionary<string, string> _settings = new(StringComparer.Ordinal);

    public async ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken)
    {
        var writer = await WriterAsync(cancellationToken);
        var transaction = await EntityFrameworkCoreOptinTransaction.BeginAsync(source, _provider!, writer, cancellationToken);
        transaction.CommittedSettings = _settings;
        transaction.CommittedContent = _content;
        transaction.JobSignal = jobSignal;
        return transaction;
    }

    /// <summary>
    /// The provider's writer (SQLite's group commit), or null (PostgreSQL): found with the provider from a first context, once.
    /// </summary>
    private async ValueTask<IOptinWriter?> WriterAsync(CancellationToken cancellationToken)
    {
        if (_provider is null)
        {
            await using var lease = await source.CreateAsync(cancellationToken);
            var provider = OptinStorageProviders.For(lease.Context, [.. providers]);
            _writer = provider.Writer(lease.Context);
            _provider = provider;
        }

        return _writer;
    }

    public ValueTask<Contact?> FindAsync(Guid contactId, CancellationToken cancellationToken) =>
        WithRowsAsync((rows, ct) => ContactRows.FindByIdAsync(rows, contactId, locked: false, ct), cancellationToken);

    public ValueTask<Contact?> FindByEmailKeyAsync(string emailKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailKey);
        return WithRowsAsync((rows, ct) => ContactRows.FindByEmailKeyAsync(rows, emailKey, locked: false, ct), cancellationToken);
    }

    public async IAsyncEnumerable<Contact> QueryAsync(ContactQuery query, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        long? afterCreated = null;
        var afterId = Guid.Empty;
        while (true)
        {
            List<Contact> page;
            await using (var lease = await source.CreateAsync(cancellationToken))
            {
                var args = new SqlArguments();
                var sql = $"SELECT c.* FROM {M.Contacts} c WHERE {ContactQuerySql.Where(query, args)}";
                if (afterCreated is { } created)
                {
                    var at = args.Add(created);
                    sql += $" AND (c.created_at > {at} OR (c.created_at = {at} AND c.id > {args.Add(afterId)}))";
                }

                sql += $" ORDER BY c.created_at, c.id LIMIT {PageSize}";
                var rows = await lease.Context.Set<ContactEntity>().FromSqlRaw(sql, args.Values).AsNoTracking().ToListAsync(cancellationToken);
                page = await ContactLoader.LoadAsync(lease.Context, rows, cancellationToken);
            }

            foreach (var contact in page)
            {
                yield return contact;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            afterCreated = page[^1].CreatedAt.ToUnixTimeMilliseconds();
            afterId = page[^1].Id;
        }
    }

    public async ValueTask<long> CountAsync(ContactQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var lease = await source.CreateAsync(cancellationToken);
        var args = new SqlArguments();
        var sql = $"SELECT COUNT(*) AS \"Value\" FROM {M.Contacts} c WHERE {ContactQuerySql.Where(query, args)}";
        return await lease.Context.Database.SqlQueryRaw<long>(sql, args.Values).SingleAsync(cancellationToken);
    }

    async IAsyncEnumerable<ConsentEvent> IConsentLedgerReader.ReadAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var rows = lease.Context.Set<ConsentEventEntity>().AsNoTracking()
            .Where(e => e.ContactId == contactId).OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return EntityMapper.ToEvent(row);
        }
    }

    async ValueTask<SubmissionRecord?> ISubmissionReader.FindAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var row = await lease.Context.Set<SubmissionEntity>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == submissionId, cancellationToken);
        return row is null ? null : EntityMapper.ToSubmission(row);
    }

    public async IAsyncEnumerable<SubmissionRecord> ListByContactAsync(Guid contactId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var rows = lease.Context.Set<SubmissionEntity>().AsNoTracking()
            .Where(s => s.ContactId == contactId).OrderBy(s => s.ReceivedAt).ThenBy(s => s.Id).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return EntityMapper.ToSubmission(row);
        }
    }

    public async IAsyncEnumerable<SubmissionRecord> ListByFormAsync(string formId, int offset, int limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(formId);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var lease = await source.CreateAsync(cancellationToken);
        var query = lease.Context.Set<SubmissionEntity>().AsNoTracking()
            .Where(s => s.FormId == formId).OrderByDescending(s => s.ReceivedAt).ThenByDescending(s => s.Id).Skip(offset);
        // One query, streamed row by row: a whole export never sits in memory.
        var rows = (limit == int.MaxValue ? query : query.Take(limit)).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return EntityMapper.ToSubmission(row);
        }
    }

    public async ValueTask<long> CountByFormAsync(string formId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(formId);
        await using var lease = await source.CreateAsync(cancellationToken);
        return await lease.Context.Set<SubmissionEntity>().LongCountAsync(s => s.FormId == formId, cancellationToken);
    }
}
