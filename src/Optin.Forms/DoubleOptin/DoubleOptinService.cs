using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Rights;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// Confirms, rejects and withdraws with the tokens of email links. Each use runs in one store transaction, so a token
/// is consumed once even under concurrent posts (DOI-4).
/// </summary>
public sealed class DoubleOptinService : IDoubleOptinService
{
    private readonly IFormCatalogProvider _catalog;
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IOptinEventListener[] _listeners;
    private readonly OptinFormsOptions _options;

    /// <summary>Creates the service.</summary>
    public DoubleOptinService(IFormCatalogProvider catalog, IOptinStore store, IClock clock,
        IEnumerable<IOptinEventListener> listeners, IOptions<OptinFormsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _listeners = [.. listeners];
        _options = options.Value;
    }

    /// <summary>The host's instruments (set where the service is registered); the static meter's otherwise.</summary>
    internal Diagnostics.OptinMetrics Metrics { get; set; } = Diagnostics.OptinMetrics.Shared;

    /// <inheritdoc />
    public async ValueTask<TokenStatus> InspectAsync(string token, TokenKind kind, CancellationToken cancellationToken)
    {
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        var found = await FindUsableAsync(tx, token, kind, cancellationToken);
        return found is null ? TokenStatus.Invalid : TokenStatus.Valid;
    }

    /// <inheritdoc />
    public async ValueTask<string?> FindPurposeAsync(string token, TokenKind kind, CancellationToken cancellationToken)
    {
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        return await FindUsableAsync(tx, token, kind, cancellationToken) is { } found ? found.Token.PurposeId : null;
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<string>?> FindPurposesAsync(string token, TokenKind kind, CancellationToken cancellationToken)
    {
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        return await FindUsableAsync(tx, token, kind, cancellationToken) is { } found ? found.Token.PurposeIds : null;
    }

    /// <inheritdoc />
    /// <remarks>
    /// A token of several purposes (one email for every purpose ticked in one submission) confirms each of them: one ledger
    /// entry and one <see cref="OptinConfirmed"/> event per purpose not confirmed yet, in one transaction.
    /// </remarks>
    public async ValueTask<TokenStatus> ConfirmAsync(string token, SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await ConsumeConfirmTokenAsync(tx, token, now, cancellationToken) is not var (record, contact))
        {
            return TokenStatus.Invalid;
        }

        var catalog = _catalog.Current;
        var submission = await FindSubmissionAsync(record, contact, cancellationToken);
        var updated = contact;
        var confirmedNow = new List<string>();
        if (submission is not null)
        {
            // The address is proved now: the values posted with it reach the contact, and it counts as activity (ABU-5).
            updated = updated with
            {
                Fields = SubmissionPipeline.WithFields(updated.Fields, submission.Values, EmailFieldOf(catalog, submission, contact)),
                UpdatedAt = now,
                LastActivityAt = now,
            };
        }

        (string? MessageId, string? Address)? carrier = null;
        var events = new List<OptinConfirmed>();
        var issuedAt = SubmissionPipeline.Truncate(record.CreatedAt);
        var withdrawnSince = 0;
        foreach (var purposeId in record.PurposeIds)
        {
            if (contact.GetState(purposeId) == OptinState.OptedIn)
            {
                continue;
            }

            if (contact.Optins.TryGetValue(purposeId, out var optin) && optin.State == OptinState.Withdrawn && optin.ChangedAt >= issuedAt)
            {
                // Withdrawn after this link was sent (by an operator, in bulk, by an objection): the link stood for a wish
                // the person has since taken back, and confirming it would undo the withdrawal (WD-4) or the objection (WD-6).
                withdrawnSince++;
                continue;
            }

            updated = updated.WithOptin(purposeId, OptinState.OptedIn, now) with { LastActivityAt = now };
            if (catalog.FindPurpose(purposeId)?.Marketing == true)
            {
                // The person's own confirmation is the one act that lifts an earlier objection (WD-6); the other
                // marketing purposes it withdrew stay withdrawn.
                updated = updated with { ObjectedToMarketing = false };
            }

            var given = await FindGivenAsync(record, purposeId, contact, submission, cancellationToken);
            var confirmed = OptinLedger.FromLink(catalog, contact.Id, purposeId, ConsentEventKind.Confirmed,
                OptinState.OptedIn, now, record.Culture, context);
            var (messageId, address) = carrier ??= await CarrierAsync(record, contact, cancellationToken);
            confirmed = confirmed with { MessageId = messageId, Address = address };
            await tx.Ledger.AppendAsync([given is null ? confirmed : AsShownAtSignUp(confirmed, given)], cancellationToken);
            events.Add(SubmissionFacts.On(new OptinConfirmed(contact.Id, now, purposeId, record.Culture), submission, catalog));
            confirmedNow.Add(purposeId);
        }

        if (withdrawnSince == record.PurposeIds.Count)
        {
            // Nothing this link stood for still holds: it is answered as a link that no longer works, and left unused.
            return TokenStatus.Invalid;
        }

        if (!ReferenceEquals(updated, contact))
        {
            await tx.Contacts.SaveAsync(updated, cancellationToken);
        }

        if (events.Count > 0)
        {
            // One confirmation per person who confirmed a submission from a variant, however many purposes it named.
            await Statistics.VariantCounts.CountAsync(tx, catalog, submission?.Attribution, Statistics.VariantCounts.Confirmations, now, cancellationToken);
        }

        foreach (var confirmedEvent in events)
        {
            await OptinEventListeners.RaiseAsync(_listeners, confirmedEvent, tx, cancellationToken);
        }

        // A new double opt-in is what lifts the suppression an earlier erasure (RET-3), a bounce or a complaint left: the
        // person received the confirmation email at this address and acted on it.
        if (await tx.Suppression.FindAsync(await AddressHasher.HashAsync(tx, _options, contact.EmailKey, cancellationToken), cancellationToken) is { } suppressed
            && SuppressionReasons.LiftedByDoubleOptin(suppressed) && suppressed.ExpiresAt > now)
        {
            await tx.Suppression.SaveAsync(suppressed with { ExpiresAt = now }, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        foreach (var purposeId in confirmedNow)
        {
            Metrics.Confirmed(purposeId);
        }

        return TokenStatus.Valid;
    }

    /// <inheritdoc />
    public async ValueTask<TokenStatus> RejectAsync(string token, SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await ConsumeConfirmTokenAsync(tx, token, now, cancellationToken) is not var (record, contact))
        {
            return TokenStatus.Invalid;
        }

        foreach (var purposeId in record.PurposeIds)
        {
            await tx.Tokens.RevokeAsync(contact.Id, purposeId, TokenKind.Confirm, now, cancellationToken);
            await tx.Jobs.CancelAsync(contact.Id, purposeId, "not-me", now, cancellationToken);
        }

        await tx.Suppression.SaveAsync(new SuppressionEntry(await AddressHasher.HashAsync(tx, _options, contact.EmailKey, cancellationToken), SuppressionReasons.NotMe, now,
            now + Duration.FromTimeSpan(_options.DoubleOptin.SuppressAfterRejection)), cancellationToken);
        if (contact.Optins.Values.All(o => o.State != OptinState.OptedIn))
        {
            await tx.Contacts.EraseAsync(contact.Id, OptinLedger.Tombstone(contact.Id, record.PurposeId, now, ErasureReasons.Code(ErasureReason.NotMe)), cancellationToken);
        }
        else
        {
            var updated = contact;
            foreach (var purposeId in record.PurposeIds)
            {
                updated = updated.WithOptin(purposeId, OptinState.None, now);
            }

            await tx.Contacts.SaveAsync(updated, cancellationToken);
            await tx.Ledger.AppendAsync([.. record.PurposeIds.Select(purposeId => OptinLedger.FromLink(_catalog.Current, contact.Id, purposeId,
                ConsentEventKind.Withdrawn, OptinState.None, now, record.Culture, context, "not-me"))], cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return TokenStatus.Valid;
    }

    /// <inheritdoc />
    public async ValueTask<TokenStatus> UnsubscribeAsync(string token, SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await FindUsableAsync(tx, token, TokenKind.Unsubscribe, cancellationToken) is not var (record, contact))
        {
            return TokenStatus.Invalid;
        }

        // WD-4: queued mail for this person and purpose is cancelled before the answer; running jobs re-check the state.
        await tx.Jobs.CancelAsync(contact.Id, record.PurposeId, "withdrawn", now, cancellationToken);
        if (contact.GetState(record.PurposeId) != OptinState.Withdrawn)
        {
            await tx.Tokens.RevokeAsync(contact.Id, record.PurposeId, TokenKind.Confirm, now, cancellationToken);
            await tx.Contacts.SaveAsync(contact.WithOptin(record.PurposeId, OptinState.Withdrawn, now), cancellationToken);
            await tx.Ledger.AppendAsync([OptinLedger.FromLink(_catalog.Current, contact.Id, record.PurposeId,
                ConsentEventKind.Withdrawn, OptinState.Withdrawn, now, record.Culture, context)], cancellationToken);
            await OptinEventListeners.RaiseAsync(_listeners, new OptinWithdrawn(contact.Id, now, record.PurposeId, ConsentMethod.EmailLink),
                tx, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return TokenStatus.Valid;
    }

    /// <summary>
    /// The submission a confirmation token answers: that of the job that sent the token, null for a token sent without one
    /// (e.g. a request entered by hand).
    /// </summary>
    /// <remarks>Read outside the transaction: a job and a submission never change once written.</remarks>
    private async ValueTask<SubmissionRecord?> FindSubmissionAsync(TokenRecord record, Contact contact, CancellationToken cancellationToken) =>
        record.JobId is { } jobId && await _store.Jobs.FindJobAsync(jobId, cancellationToken) is { } job
        && JobPayload.Deserialize(job.Payload).SubmissionId is { } submissionId
        && await _store.Submissions.FindAsync(submissionId, cancellationToken) is { } found && found.ContactId == contact.Id
            ? found
            : null;

    /// <summary>
    /// The pending <see cref="ConsentEventKind.Given"/> entry of <paramref name="purposeId"/> that recorded the texts shown
    /// at sign-up: the submission's own, else the latest one before the token was issued.
    /// </summary>
    /// <remarks>Read outside the transaction: a ledger entry never changes once written.</remarks>
    private async ValueTask<ConsentEvent?> FindGivenAsync(TokenRecord record, string purposeId, Contact contact, SubmissionRecord? submission,
        CancellationToken cancellationToken)
    {
        ConsentEvent? latest = null;
        await foreach (var e in _store.Ledger.ReadAsync(contact.Id, cancellationToken))
        {
            if (e.OccurredAt > record.CreatedAt || !string.Equals(e.PurposeId, purposeId, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (e.Kind == ConsentEventKind.Given && e.State == OptinState.PendingConfirmation)
            {
                if (submission is not null && e.SubmissionId == submission.Id)
                {
                    return e;
                }

                latest = e;
            }
            else if (e.Kind is ConsentEventKind.Given or ConsentEventKind.Confirmed or ConsentEventKind.Withdrawn or ConsentEventKind.SetManually
                     or ConsentEventKind.SetInBulk or ConsentEventKind.Expired or ConsentEventKind.Erased)
            {
                latest = null; // that sign-up is over: it is not what this token confirms
            }
        }

        return latest;
    }

    /// <summary>The name of the address field of the submission's form, so that the address is never copied as a field.</summary>
    private static string EmailFieldOf(FormCatalog catalog, SubmissionRecord submission, Contact contact) =>
        catalog.FindForm(submission.FormId)?.EmailField.Name
        ?? submission.Values.FirstOrDefault(v => string.Equals(v.Value, contact.Email, StringComparison.OrdinalIgnoreCase)).Key
        ?? string.Empty;

    /// <summary>
    /// The confirmation refers to what the person saw when signing up, not to today's texts: the owner may have changed a
    /// purpose's text since, and the evidence must not say that the person confirmed a text never shown to them.
    /// </summary>
    private static ConsentEvent AsShownAtSignUp(ConsentEvent confirmed, ConsentEvent given) => confirmed with
    {
        PurposeVersion = given.PurposeVersion,
        FormId = given.FormId,
        FormVersion = given.FormVersion,
        SubmissionId = given.SubmissionId,
        ConsentText = given.ConsentText,
        ConsentTextSha256 = given.ConsentTextSha256,
        PurposeText = given.PurposeText,
        PurposeTextSha256 = given.PurposeTextSha256,
        PrivacyNotice = given.PrivacyNotice,
        Controller = given.Controller,
        Culture = given.Culture,
        FormSha256 = given.FormSha256,
        ConsentBoxSha256 = given.ConsentBoxSha256,
        PrivacyNoticeSha256 = given.PrivacyNoticeSha256,
    };

    /// <summary>
    /// The email that carried the token (EVD-1): the Message-ID of the job that issued it, and the address that email
    /// went to, as its "email sent" entry records it (the contact's address when that entry is not there).
    /// </summary>
    private async ValueTask<(string? MessageId, string? Address)> CarrierAsync(TokenRecord record, Contact contact, CancellationToken cancellationToken)
    {
        if (record.JobId is not { } jobId || await _store.Jobs.FindJobAsync(jobId, cancellationToken) is not { MessageId: { } messageId })
        {
            return (null, contact.Email);
        }

        await foreach (var e in _store.Ledger.ReadAsync(contact.Id, cancellationToken))
        {
            if (e.Kind == ConsentEventKind.EmailSent && string.Equals(e.MessageId, messageId, StringComparison.Ordinal) && e.Address is not null)
            {
                return (messageId, e.Address);
            }
        }

        return (messageId, contact.Email);
    }

    /// <summary>The usable confirmation token and its contact, the token consumed once (DOI-3, DOI-4); null when unusable or already used.</summary>
    private async ValueTask<(TokenRecord Token, Contact Contact)?> ConsumeConfirmTokenAsync(IOptinTransaction tx, string token, Instant now,
        CancellationToken cancellationToken) =>
        await FindUsableAsync(tx, token, TokenKind.Confirm, cancellationToken) is { } found
        && await tx.Tokens.ConsumeAsync(found.Token.Hash, now, cancellationToken)
            ? found
            : null;

    private async ValueTask<(TokenRecord Token, Contact Contact)?> FindUsableAsync(IOptinTransaction tx, string token, TokenKind kind,
        CancellationToken cancellationToken)
    {
        if (!OptinToken.TryHash(token, out var hash)
            || await tx.Tokens.FindAsync(hash, cancellationToken) is not { } record
            || !OptinToken.HashEquals(record.Hash, hash)
            || record.Kind != kind
            || record.ExpiresAt <= _clock.GetCurrentInstant()
            || (kind == TokenKind.Confirm && record.ConsumedAt is not null)
            || await tx.Contacts.FindAsync(record.ContactId, cancellationToken) is not { } contact)
        {
            return null;
        }

        return (record, contact);
    }
}
