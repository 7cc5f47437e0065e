using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Diagnostics;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Mail;
using Optin.Forms.Rights;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Retention;

/// <summary>
/// Erases prospects whose retention has run out (RET-1, RET-2), leaving a tombstone in the ledger and the keyed hash of
/// the address on the suppression list (RET-3); see <see cref="RetentionPolicy"/> for which retention applies to whom.
/// Then deletes what the library itself keeps past its own retention (RET-4): finished jobs, erasure tombstones and
/// archived proofs.
/// </summary>
/// <remarks>
/// Streams the prospects in batches of <see cref="RetentionOptions.BatchSize"/>, one store transaction per batch, and
/// checks each contact again inside the transaction, so that a contact active meanwhile is kept and a second run
/// erases nothing more. With <see cref="RetentionOptions.Archive"/>, the consent proof of each erased prospect goes to
/// the intermediate archive in the same transaction. Logs counts only, never an address (SEC-8).
/// </remarks>
public sealed class RetentionSweeper
{
    /// <summary>How many finished jobs, tombstones or archived proofs one transaction deletes.</summary>
    private const int PurgeBatchSize = 1000;

    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IFormCatalogProvider _catalog;
    private readonly IOptions<OptinFormsOptions> _options;
    private readonly ILogger<RetentionSweeper> _logger;
    private readonly IMailSender? _mail;

    /// <summary>Creates the sweeper.</summary>
    public RetentionSweeper(IOptinStore store, IClock clock, IFormCatalogProvider catalog, IOptions<OptinFormsOptions> options,
        ILogger<RetentionSweeper> logger)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Creates the sweeper with the mail sender, so that erasure also deletes the <c>.eml</c> files the pickup directory
    /// sender wrote for the erased prospects (DSR-5).
    /// </summary>
    public RetentionSweeper(IOptinStore store, IClock clock, IFormCatalogProvider catalog, IOptions<OptinFormsOptions> options,
        ILogger<RetentionSweeper> logger, IMailSender mail)
        : this(store, clock, catalog, options, logger)
    {
        _mail = mail ?? throw new ArgumentNullException(nameof(mail));
    }

    /// <summary>Runs one sweep, as a dry run when <see cref="RetentionOptions.DryRun"/> says so.</summary>
    /// <returns>The counts.</returns>
    public ValueTask<RetentionReport> SweepAsync(CancellationToken cancellationToken) =>
        SweepAsync(_options.Value.Retention.DryRun, cancellationToken);

    /// <summary>Runs one sweep.</summary>
    /// <param name="dryRun">When <see langword="true"/>, counts what would be erased and deleted and changes nothing.</param>
    /// <param name="cancellationToken">Cancels the sweep; batches already committed stay committed.</param>
    /// <returns>The counts.</returns>
    public async ValueTask<RetentionReport> SweepAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var sweep = new Sweep(_catalog.Current, Duration.FromTimeSpan(options.Retention.DefaultProspectRetention),
            SubmissionPipeline.Truncate(_clock.GetCurrentInstant()), options);
        var batchSize = Math.Max(1, options.Retention.BatchSize);

        // Every prospect is looked at: a withdrawal or a request of its own can end a retention whatever the last activity.
        var query = new ContactQuery { Kind = ContactKind.Lead };
        long examined = 0, erased = 0, archived = 0;
        var cursor = new BatchCursor();
        while (true)
        {
            var batch = await cursor.NextAsync(_store.Contacts, query, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            examined += batch.Count;
            var candidates = batch.Where(c => RetentionPolicy.MayExpire(c, sweep.Catalog, sweep.Fallback, sweep.Now)).ToList();
            if (dryRun)
            {
                foreach (var contact in candidates)
                {
                    erased += await IsExpiredAsync(contact, sweep, cancellationToken) ? 1 : 0;
                }

                archived = options.Retention.Archive ? erased : 0;
            }
            else if (candidates.Count > 0)
            {
                var (e, a) = await EraseAsync(candidates.Select(c => c.Id).ToList(), sweep, cancellationToken);
                erased += e;
                archived += a;
            }
        }

        var now = sweep.Now;
        var jobs = await PurgeAsync(dryRun, (tx, max) => tx.Retention.DeleteFinishedJobsAsync(now - Duration.FromTimeSpan(options.Retention.FinishedJobs), max,
            cancellationToken), cancellationToken);
        var tombstones = await PurgeAsync(dryRun, (tx, max) => tx.Retention.DeleteTombstonesAsync(now - Duration.FromTimeSpan(options.Retention.Tombstones), max,
            cancellationToken), cancellationToken);
        var proofs = await PurgeAsync(dryRun, (tx, max) => tx.ArchivedProofs.DeleteExpiredAsync(now, max, cancellationToken), cancellationToken);
        var report = new RetentionReport(dryRun, examined, erased, examined - erased)
        {
            Archived = archived, FinishedJobsDeleted = jobs, TombstonesDeleted = tombstones, ArchivedProofsDeleted = proofs,
        };
        OptinLog.RetentionSwept(_logger, dryRun, report.Examined, report.Erased, report.Kept);
        OptinLog.RetentionPurged(_logger, dryRun, report.Archived, report.FinishedJobsDeleted, report.TombstonesDeleted, report.ArchivedProofsDeleted);
        return report;
    }

    private async ValueTask<bool> IsExpiredAsync(Contact contact, Sweep sweep, CancellationToken cancellationToken)
    {
        IReadOnlyList<SubmissionRecord> submissions = sweep.HasRequestForms
            ? await _store.Submissions.ListByContactAsync(contact.Id, cancellationToken).ToListAsync(cancellationToken)
            : [];
        return RetentionPolicy.ExpiresAt(contact, sweep.Catalog, sweep.Fallback, submissions) <= sweep.Now;
    }

    private async ValueTask<(long Erased, long Archived)> EraseAsync(List<Guid> ids, Sweep sweep, CancellationToken cancellationToken)
    {
        long count = 0, archived = 0;
        var options = sweep.Options;
        var erased = new List<Guid>();
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        foreach (var id in ids)
        {
            // Checked again inside the transaction: a contact that came back since the read is kept. Writers are
            // serialised (in memory, SQLite) or wait for the contact this read locks (PostgreSQL), so the committed
            // submissions and ledger read here are the current ones.
            if (await tx.Contacts.FindAsync(id, cancellationToken) is not { } contact || !await IsExpiredAsync(contact, sweep, cancellationToken))
            {
                continue;
            }

            if (options.Retention.Archive)
            {
                await tx.ArchivedProofs.SaveAsync(await ArchiveAsync(contact, sweep.Now, options.Retention, cancellationToken), cancellationToken);
            }

            var hash = await AddressHasher.HashAsync(tx, options, contact.EmailKey, cancellationToken);
            if (await tx.Contacts.EraseAsync(contact.Id, OptinLedger.Tombstone(contact.Id, "*", sweep.Now, ErasureReasons.Code(ErasureReason.RetentionExpired)), cancellationToken))
            {
                await ErasureSuppression.KeepAfterErasureAsync(tx, hash, sweep.Now,
                    sweep.Now + Duration.FromTimeSpan(options.DoubleOptin.SuppressAfterErasure), cancellationToken);
                count++;
                erased.Add(contact.Id);
                archived += options.Retention.Archive ? 1 : 0;
            }
        }

        await tx.CommitAsync(cancellationToken);
        await PickupErasure.RemoveAsync(_mail, _store, erased, cancellationToken);
        return (count, archived);
    }

    /// <summary>The consent proof of <paramref name="contact"/>, as the evidence JSON (so every ledger field is in it).</summary>
    private async ValueTask<ArchivedProof> ArchiveAsync(Contact contact, Instant now, RetentionOptions retention, CancellationToken cancellationToken)
    {
        var evidence = new EvidenceDocument
        {
            ContactId = contact.Id,
            Email = contact.Email,
            CreatedAt = contact.CreatedAt,
            GeneratedAt = now,
            ProcessingRestricted = contact.ProcessingRestricted,
            Submissions = await _store.Submissions.ListByContactAsync(contact.Id, cancellationToken).ToListAsync(cancellationToken),
            Events = await _store.Ledger.ReadAsync(contact.Id, cancellationToken).ToListAsync(cancellationToken),
        };
        using var buffer = new MemoryStream();
        await EvidenceService.WriteJsonAsync(evidence, buffer, cancellationToken);
        return new ArchivedProof(contact.Id, now, now + Duration.FromTimeSpan(retention.ArchivePeriod),
            System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
    }

    /// <summary>
    /// Deletes in batches of <see cref="PurgeBatchSize"/>, one transaction each, until a batch comes back short; a dry run
    /// deletes everything in one transaction that it rolls back, so the count is exact and nothing changes.
    /// </summary>
    private async ValueTask<long> PurgeAsync(bool dryRun, Func<IOptinTransaction, int, ValueTask<int>> delete, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            await using var tx = await _store.BeginTransactionAsync(cancellationToken);
            var deleted = await delete(tx, dryRun ? int.MaxValue : PurgeBatchSize);
            total += deleted;
            if (dryRun)
            {
                return total;
            }

            await tx.CommitAsync(cancellationToken);
            if (deleted < PurgeBatchSize)
            {
                return total;
            }
        }
    }

    private sealed record Sweep(FormCatalog Catalog, Duration Fallback, Instant Now, OptinFormsOptions Options)
    {
        public bool HasRequestForms { get; } = RetentionPolicy.HasRequestForms(Catalog);
    }
}
