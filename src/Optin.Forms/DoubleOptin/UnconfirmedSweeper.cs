using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Diagnostics;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// Deletes opt-ins left unconfirmed past <c>DeleteUnconfirmedAfter</c>, with the personal data of contacts that have
/// nothing else (DOI-5). Idempotent: a second run finds nothing more to do. Logs counts only.
/// </summary>
public sealed class UnconfirmedSweeper
{
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IFormCatalogProvider _catalog;
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
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await tx.FindContactAsync(contactId, cancellationToken) is not { } contact || contact.ProcessingRestricted
            || !contact.Optins.TryGetValue(purpose, out var optin) || optin.State != OptinState.PendingConfirmation || optin.ChangedAt > cutoff)
        {
            return false;
        }

        await tx.RevokeTokensAsync(contact.Id, purpose, DoubleOptin.TokenKind.Confirm, now, cancellationToken);
        await tx.CancelJobsAsync(contact.Id, purpose, "unconfirmed", now, cancellationToken);
        await OptinEventListeners.RaiseAsync(_listeners, new DoubleOptinExpired(contact.Id, now, purpose), tx, cancellationToken);
        var others = contact.Optins.Where(o => !string.Equals(o.Key, purpose, StringComparison.OrdinalIgnoreCase)
            && o.Value.State is OptinState.OptedIn or OptinState.PendingConfirmation);
        if (!others.Any())
        {
            await tx.EraseContactAsync(contact.Id, OptinLedger.Tombstone(contact.Id, purpose, now, "unconfirmed"), cancellationToken);
        }
        else
        {
            await tx.SaveContactAsync(contact.WithOptin(purpose, OptinState.None, now), cancellationToken);
            await tx.AppendConsentEventsAsync([OptinLedger.Tombstone(contact.Id, purpose, now, "unconfirmed")
                with { Kind = ConsentEventKind.Expired }], cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return true;
    }
}
