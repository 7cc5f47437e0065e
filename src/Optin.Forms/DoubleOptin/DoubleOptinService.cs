using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
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

    /// <inheritdoc />
    public async ValueTask<TokenStatus> InspectAsync(string token, TokenKind kind, CancellationToken cancellationToken)
    {
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        var found = await FindUsableAsync(tx, token, kind, cancellationToken);
        return found is null ? TokenStatus.Invalid : TokenStatus.Valid;
    }

    /// <inheritdoc />
    public async ValueTask<TokenStatus> ConfirmAsync(string token, SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await ConsumeConfirmTokenAsync(tx, token, now, cancellationToken) is not var (record, contact))
        {
            return TokenStatus.Invalid;
        }

        if (contact.GetState(record.PurposeId) != OptinState.OptedIn)
        {
            var catalog = _catalog.Current;
            var updated = contact.WithOptin(record.PurposeId, OptinState.OptedIn, now) with { LastActivityAt = now };
            if (catalog.FindPurpose(record.PurposeId)?.Marketing == true)
            {
                // The person's own confirmation is the one act that lifts an earlier objection (WD-6); the other
                // marketing purposes it withdrew stay withdrawn.
                updated = updated with { ObjectedToMarketing = false };
            }

            await tx.SaveContactAsync(updated, cancellationToken);
            await tx.AppendConsentEventsAsync([OptinLedger.FromLink(catalog, contact.Id, record.PurposeId, ConsentEventKind.Confirmed,
                OptinState.OptedIn, now, record.Culture, context)], cancellationToken);
            await OptinEventListeners.RaiseAsync(_listeners, new OptinConfirmed(contact.Id, now, record.PurposeId, record.Culture), tx, cancellationToken);
        }

        // A new double opt-in is what lifts the suppression an earlier erasure left (RET-3).
        if (await tx.FindSuppressionAsync(await AddressHasher.HashAsync(tx, _options, contact.EmailKey, cancellationToken), cancellationToken) is { } suppressed
            && SuppressionReasons.OnlyMarketing(suppressed) && suppressed.ExpiresAt > now)
        {
            await tx.SaveSuppressionAsync(suppressed with { ExpiresAt = now }, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
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

        await tx.RevokeTokensAsync(contact.Id, record.PurposeId, TokenKind.Confirm, now, cancellationToken);
        await tx.CancelJobsAsync(contact.Id, record.PurposeId, "not-me", now, cancellationToken);
        await tx.SaveSuppressionAsync(new SuppressionEntry(await AddressHasher.HashAsync(tx, _options, contact.EmailKey, cancellationToken), SuppressionReasons.NotMe, now,
            now + Duration.FromTimeSpan(_options.DoubleOptin.SuppressAfterRejection)), cancellationToken);
        if (contact.Optins.Values.All(o => o.State != OptinState.OptedIn))
        {
            await tx.EraseContactAsync(contact.Id, OptinLedger.Tombstone(contact.Id, record.PurposeId, now, "not-me"), cancellationToken);
        }
        else
        {
            await tx.SaveContactAsync(contact.WithOptin(record.PurposeId, OptinState.None, now), cancellationToken);
            await tx.AppendConsentEventsAsync([OptinLedger.FromLink(_catalog.Current, contact.Id, record.PurposeId,
                ConsentEventKind.Withdrawn, OptinState.None, now, record.Culture, context, "not-me")], cancellationToken);
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
        await tx.CancelJobsAsync(contact.Id, record.PurposeId, "withdrawn", now, cancellationToken);
        if (contact.GetState(record.PurposeId) != OptinState.Withdrawn)
        {
            await tx.RevokeTokensAsync(contact.Id, record.PurposeId, TokenKind.Confirm, now, cancellationToken);
            await tx.SaveContactAsync(contact.WithOptin(record.PurposeId, OptinState.Withdrawn, now), cancellationToken);
            await tx.AppendConsentEventsAsync([OptinLedger.FromLink(_catalog.Current, contact.Id, record.PurposeId,
                ConsentEventKind.Withdrawn, OptinState.Withdrawn, now, record.Culture, context)], cancellationToken);
            await OptinEventListeners.RaiseAsync(_listeners, new OptinWithdrawn(contact.Id, now, record.PurposeId, ConsentMethod.EmailLink),
                tx, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return TokenStatus.Valid;
    }

    /// <summary>The usable confirmation token and its contact, the token consumed once (DOI-3, DOI-4); null when unusable or already used.</summary>
    private async ValueTask<(TokenRecord Token, Contact Contact)?> ConsumeConfirmTokenAsync(IOptinTransaction tx, string token, Instant now,
        CancellationToken cancellationToken) =>
        await FindUsableAsync(tx, token, TokenKind.Confirm, cancellationToken) is { } found
        && await tx.ConsumeTokenAsync(found.Token.Hash, now, cancellationToken)
            ? found
            : null;

    private async ValueTask<(TokenRecord Token, Contact Contact)?> FindUsableAsync(IOptinTransaction tx, string token, TokenKind kind,
        CancellationToken cancellationToken)
    {
        if (!OptinToken.TryHash(token, out var hash)
            || await tx.FindTokenAsync(hash, cancellationToken) is not { } record
            || !OptinToken.HashEquals(record.Hash, hash)
            || record.Kind != kind
            || record.ExpiresAt <= _clock.GetCurrentInstant()
            || (kind == TokenKind.Confirm && record.ConsumedAt is not null)
            || await tx.FindContactAsync(record.ContactId, cancellationToken) is not { } contact)
        {
            return null;
        }

        return (record, contact);
    }
}
