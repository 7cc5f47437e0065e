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
/// Erases prospects whose retention has run out since their last active contact (RET-1, RET-2), leaving a tombstone in
/// the ledger and the keyed hash of the address on the suppression list (RET-3). See <see cref="RetentionPolicy"/> for
/// which retention applies to whom.
/// </summary>
/// <remarks>
/// Streams candidates in batches of <see cref="RetentionOptions.BatchSize"/>, one store transaction per batch, and
/// checks each contact again inside the transaction, so that a contact active meanwhile is kept and a second run
/// erases nothing more. Logs counts only, never an address (SEC-8).
/// </remarks>
public sealed class RetentionSweeper
{
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
    /// <param name="dryRun">When <see langword="true"/>, counts what would be erased and changes nothing.</param>
    /// <param name="cancellationToken">Cancels the sweep; batches already committed stay committed.</param>
    /// <returns>The counts.</returns>
    public async ValueTask<RetentionReport> SweepAsync(bool dryRun, CancellationToken cancellationToken)
    {
        var options = _options.Value;
        var catalog = _catalog.Current;
        var fallback = Duration.FromTimeSpan(options.Retention.DefaultProspectRetention);
        var batchSize = Math.Max(1, options.Retention.BatchSize);
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        var query = new ContactQuery
        {
            Kind = ContactKind.Lead,
            LastActivityBefore = now - RetentionPolicy.Shortest(catalog, fallback) + Duration.FromMilliseconds(1),
        };

        long examined = 0, erased = 0;
        var cursor = new BatchCursor();
        while (true)
        {
            var batch = await cursor.NextAsync(_store.Contacts, query, batchSize, cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            examined += batch.Count;
            var expired = batch.Where(c => RetentionPolicy.IsExpired(c, catalog, fallback, now)).Select(c => c.Id).ToList();
            erased += dryRun ? expired.Count : await EraseAsync(expired, catalog, fallback, options, now, cancellationToken);
        }

        var report = new RetentionReport(dryRun, examined, erased, examined - erased);
        OptinLog.RetentionSwept(_logger, dryRun, report.Examined, report.Erased, report.Kept);
        return report;
    }

    private async ValueTask<long> EraseAsync(List<Guid> ids, FormCatalog catalog, Duration fallback, OptinFormsOptions options, Instant now,
        CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return 0;
        }

        var erased = new List<Guid>();
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        foreach (var id in ids)
        {
            // Checked again inside the transaction: a contact that came back since the read is kept.
            if (await tx.FindContactAsync(id, cancellationToken) is not { } contact || !RetentionPolicy.IsExpired(contact, catalog, fallback, now))
            {
                continue;
            }

            var hash = await AddressHasher.HashAsync(tx, options, contact.EmailKey, cancellationToken);
            if (await tx.EraseContactAsync(contact.Id, OptinLedger.Tombstone(contact.Id, "*", now, ErasureReasons.Code(ErasureReason.RetentionExpired)), cancellationToken))
            {
                await ErasureSuppression.KeepAfterErasureAsync(tx, hash, now, now + Duration.FromTimeSpan(options.DoubleOptin.SuppressAfterErasure), cancellationToken);
                erased.Add(contact.Id);
            }
        }

        await tx.CommitAsync(cancellationToken);
        await PickupErasure.RemoveAsync(_mail, _store, erased, cancellationToken);
        return erased.Count;
    }
}
