using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Diagnostics;
using Optin.Forms.Mail;
using Optin.Forms.Retention;
using Optin.Forms.Rights;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// Deletes opt-ins left unconfirmed past <c>DeleteUnconfirmedAfter</c>, with the personal data of contacts that have
/// nothing else (DOI-5). Idempotent: a second run finds nothing more to do. Logs counts only.
/// </summary>
/// <remarks>
/// A contact is erased only when nothing else justifies its data: no other purpose held or pending, a prospect
/// (accounts and contacts are kept, as <see cref="RetentionSweeper"/> keeps them), and no request of its own among its
/// submissions still within its retention (a submission of a form that declares its own processing,
/// <see cref="FormDefinition.Processing"/>, like a quote request); otherwise only the pending opt-in goes, with an
/// <see cref="ConsentEventKind.Expired"/> entry, and the retention sweep erases the rest when the request's retention
/// ends. <see cref="DoubleOptinExpired"/> rules run either way. Nothing goes to the intermediate archive: an opt-in never
/// confirmed proves no consent.
/// </remarks>
public sealed class UnconfirmedSweeper
{
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IFormCatalogProvider _catalog;
    private readonly IMailSender? _mail;
    private readonly IOptinEventListener[] _listeners;
    private readonly OptinFormsOptions _options;
    private readonly ILogger<UnconfirmedSweeper> _logger;

    /// <summary>Creates the sweeper.</summary>
    public UnconfirmedSweeper(IOptinStore store, IClock clock, IFormCatalogProvider catalog, IEnumerable<IOptinEventListener> listeners,
        IOptions<OptinFormsOptions> options, ILogger<UnconfirmedSweeper> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _listeners = [.. listeners ?? throw new ArgumentNullException(nameof(listeners))];
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>
    /// Creates the sweeper with the mail sender, so that erasure also deletes the <c>.eml</c> files the pickup directory
    /// sender wrote for the erased people (DSR-5).
    /// </summary>
    public UnconfirmedSweeper(IOptinStore store, IClock clock, IFormCatalogProvider catalog, IEnumerable<IOptinEventListener> listeners,
        IOptions<OptinFormsOptions> options, ILogger<UnconfirmedSweeper> logger, IMailSender mail)
        : this(store, clock, catalog, listeners, options, logger)
    {
        _mail = mail ?? throw new ArgumentNullException(nameof(mail));
    }

    /// <summary>The host's instruments (set where the sweeper is registered); the static meter's otherwise.</summary>
    internal Diagnostics.OptinMetrics Metrics { get; set; } = Diagnostics.OptinMetrics.Shared;

    /// <summary>Runs one sweep.</summary>
    /// <returns>How many pending opt-ins were removed.</returns>
    public async ValueTask<int> SweepAsync(CancellationToken cancellationToken)
    {
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        var cutoff = now - Duration.FromTimeSpan(_options.DoubleOptin.DeleteUnconfirmedAfter);
        var count = 0;
        foreach (var purpose in _catalog.Current.Purposes.Keys)
        {
            // A restricted person's data is kept as it is (GDPR Art. 18: storage only, often because erasure was contested).
            var query = new ContactQuery
            {
                Purpose = purpose, State = OptinState.PendingConfirmation, LastActivityBefore = cutoff + Duration.FromMilliseconds(1), ProcessingRestricted = false,
            };
            var ids = await _store.Contacts.QueryAsync(query, cancellationToken).Select(c => c.Id).ToListAsync(cancellationToken);
            foreach (var id in ids)
            {
                count += await SweepOneAsync(id, purpose, now, cutoff, cancellationToken) ? 1 : 0;
            }
        }

        OptinLog.UnconfirmedSwept(_logger, count);
        return count;
    }

    private async ValueTask<bool> SweepOneAsync(Guid contactId, string purpose, Instant now, Instant cutoff, CancellationToken cancellationToken)
    {
        // Read before the transaction: submissions are only ever added, and one added meanwhile renews the opt-in, which
        // the check below sees.
        var keptForARequest = await HasRequestOfItsOwnAsync(contactId, now, cancellationToken);
        var history = await HistoryAsync(contactId, purpose, cancellationToken);
        var submission = history.PendingSubmissionId is { } submissionId
            && await _store.Submissions.FindAsync(submissionId, cancellationToken) is { } found && found.ContactId == contactId ? found : null;
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await tx.Contacts.FindAsync(contactId, cancellationToken) is not { } contact || contact.ProcessingRestricted
            || !contact.Optins.TryGetValue(purpose, out var optin) || optin.State != OptinState.PendingConfirmation || optin.ChangedAt > cutoff)
        {
            return false;
        }

        await tx.Tokens.RevokeAsync(contact.Id, purpose, DoubleOptin.TokenKind.Confirm, now, cancellationToken);
        await tx.Jobs.CancelAsync(contact.Id, purpose, "unconfirmed", now, cancellationToken);
        var others = contact.Optins.Where(o => !string.Equals(o.Key, purpose, StringComparison.OrdinalIgnoreCase)
            && o.Value.State is OptinState.OptedIn or OptinState.PendingConfirmation);
        // Anyone can post a known address (ABU-5): the expiry of that post must not erase what the person did before it (a
        // withdrawal, an objection, a confirmation), which is the evidence of their choice (WD-6, RET-3). Only a contact
        // whose whole history is unconfirmed sign-ups is erased (DOI-5); the others go back to the state they had.
        var erase = !others.Any() && RetentionPolicy.Applies(contact) && !keptForARequest && !history.OfTheirOwn && !contact.ObjectedToMarketing;
        if (erase)
        {
            await tx.Contacts.EraseAsync(contact.Id, OptinLedger.Tombstone(contact.Id, purpose, now, ErasureReasons.Code(ErasureReason.UnconfirmedExpired)), cancellationToken);
        }
        else
        {
            await tx.Contacts.SaveAsync(contact.WithOptin(purpose, history.Before, now), cancellationToken);
            await tx.Ledger.AppendAsync([OptinLedger.Tombstone(contact.Id, purpose, now, ErasureReasons.Code(ErasureReason.UnconfirmedExpired))
                with { Kind = ConsentEventKind.Expired, State = history.Before }], cancellationToken);
        }

        // Raised after the erasure, which cancels the contact's queued jobs: the jobs the rules queue now must stay. They
        // run without the person when erased (a mail to the contact is skipped, a fixed address gets no personal data).
        await OptinEventListeners.RaiseAsync(_listeners,
            SubmissionFacts.On(new DoubleOptinExpired(contact.Id, now, purpose), submission, _catalog.Current), tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        Metrics.Expired(purpose);
        if (erase)
        {
            await PickupErasure.RemoveAsync(_mail, _store, [contact.Id], cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// What the contact's ledger says about the pending opt-in: the submission that gave it (its latest pending
    /// <see cref="ConsentEventKind.Given"/> entry's; null for one asked for by hand), read before any erasure so that the
    /// <see cref="DoubleOptinExpired"/> event carries it (#18); whether the person did anything of their own besides
    /// unconfirmed sign-ups (gave, confirmed, withdrew, objected, or had an operator record a choice); and the state the
    /// purpose had before the pending sign-up (withdrawn, or none).
    /// </summary>
    /// <remarks>Read before the transaction: the ledger is append-only, and an entry added meanwhile moves the opt-in, which the transaction's check sees.</remarks>
    private async ValueTask<(Guid? PendingSubmissionId, bool OfTheirOwn, OptinState Before)> HistoryAsync(Guid contactId, string purpose,
        CancellationToken cancellationToken)
    {
        Guid? submissionId = null;
        var ofTheirOwn = false;
        var before = OptinState.None;
        await foreach (var e in _store.Ledger.ReadAsync(contactId, cancellationToken))
        {
            var unconfirmed = e.Kind switch
            {
                ConsentEventKind.Given => e.State == OptinState.PendingConfirmation,
                ConsentEventKind.EmailSent or ConsentEventKind.Expired or ConsentEventKind.DoubleOptinRequested => true,
                _ => false,
            };
            ofTheirOwn |= !unconfirmed;
            if (!string.Equals(e.PurposeId, purpose, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (e.Kind == ConsentEventKind.Given)
            {
                submissionId = e.State == OptinState.PendingConfirmation ? e.SubmissionId : null;
            }

            if (!unconfirmed)
            {
                before = e.State == OptinState.Withdrawn ? OptinState.Withdrawn : OptinState.None;
            }
        }

        return (submissionId, ofTheirOwn, before);
    }

    /// <summary>
    /// Whether the contact sent a request of its own (a form that declares its own processing) whose retention still runs:
    /// that request is kept under its own retention (<see cref="RetentionSweeper"/>), not erased with an opt-in the person
    /// never confirmed; a form without a declared processing is a sign-up, whose data has no reason to stay once its
    /// opt-in expired (DOI-5).
    /// </summary>
    private async ValueTask<bool> HasRequestOfItsOwnAsync(Guid contactId, Instant now, CancellationToken cancellationToken)
    {
        var catalog = _catalog.Current;
        if (!RetentionPolicy.HasRequestForms(catalog))
        {
            return false;
        }

        var submissions = await _store.Submissions.ListByContactAsync(contactId, cancellationToken).ToListAsync(cancellationToken);
        return RetentionPolicy.RequestsKeepUntil(submissions, catalog, Duration.FromTimeSpan(_options.Retention.DefaultProspectRetention)) > now;
    }
}
