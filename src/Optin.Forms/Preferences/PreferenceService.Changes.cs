using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using NodaTime;

namespace Optin.Forms.Preferences;

/// <summary>The changes: withdraw one, withdraw all, object.</summary>
public sealed partial class PreferenceService
{
    /// <inheritdoc />
    /// <remarks>
    /// As with the unsubscribe link (WD-4), queued mail for a withdrawn purpose is cancelled before the answer and
    /// confirmation links still out for it stop working. An objection withdraws every marketing purpose and sets
    /// <see cref="Contact.ObjectedToMarketing"/>, which stops marketing mail and blocks any later opt-in but the person's own
    /// confirmed one (WD-6).
    /// </remarks>
    public async ValueTask<TokenStatus> ChangeAsync(string token, PreferenceChange change, SubmissionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(context);
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await FindUsableAsync(tx, token, cancellationToken) is not var (record, contact))
        {
            return TokenStatus.Invalid;
        }

        var catalog = _catalog.Current;
        var events = new List<ConsentEvent>();
        var withdrawn = new List<string>();
        var updated = contact;
        if (change.Action == PreferenceAction.ObjectToMarketing)
        {
            if (contact.ObjectedToMarketing)
            {
                return TokenStatus.Valid;
            }

            updated = updated with { ObjectedToMarketing = true, UpdatedAt = now };
            var marketing = catalog.Purposes.Values.Where(p => p.Marketing).Select(p => p.Id).Order(StringComparer.Ordinal).ToList();
            foreach (var purposeId in marketing.Count > 0 ? marketing : [record.PurposeId])
            {
                var previous = contact.GetState(purposeId);
                var state = previous == OptinState.None ? OptinState.None : OptinState.Withdrawn;
                updated = updated.WithOptin(purposeId, state, now);
                await StopAsync(tx, contact.Id, purposeId, "objected", now, cancellationToken);
                events.Add(OptinLedger.FromLink(catalog, contact.Id, purposeId, ConsentEventKind.Objected, state, now, record.Culture, context,
                    PreferenceReasons.Objection));
                if (previous == OptinState.OptedIn)
                {
                    withdrawn.Add(purposeId);
                }
            }
        }
        else
        {
            var purposes = change.Action == PreferenceAction.WithdrawAll
                ? contact.Optins.Where(o => o.Value.State == OptinState.OptedIn).Select(o => o.Key).Order(StringComparer.Ordinal).ToList()
                : contact.Optins.Where(o => o.Value.State == OptinState.OptedIn && string.Equals(o.Key, change.PurposeId, StringComparison.OrdinalIgnoreCase))
                    .Select(o => o.Key).ToList();
            var reason = change.Action == PreferenceAction.WithdrawAll ? PreferenceReasons.WithdrawnAll : PreferenceReasons.Withdrawn;
            foreach (var purposeId in purposes)
            {
                updated = updated.WithOptin(purposeId, OptinState.Withdrawn, now);
                await StopAsync(tx, contact.Id, purposeId, "withdrawn", now, cancellationToken);
                events.Add(OptinLedger.FromLink(catalog, contact.Id, purposeId, ConsentEventKind.Withdrawn, OptinState.Withdrawn, now, record.Culture,
                    context, reason));
                withdrawn.Add(purposeId);
            }
        }

        if (events.Count == 0)
        {
            return TokenStatus.Valid; // nothing held to withdraw: the page shows the same state again, and the ledger is unchanged
        }

        await tx.Contacts.SaveAsync(updated, cancellationToken);
        await tx.Ledger.AppendAsync(events, cancellationToken);
        foreach (var purposeId in withdrawn)
        {
            await OptinEventListeners.RaiseAsync(_listeners, new OptinWithdrawn(contact.Id, now, purposeId, ConsentMethod.EmailLink), tx, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return TokenStatus.Valid;
    }

    /// <summary>WD-4: queued mail for the purpose is cancelled and confirmation links still out for it stop working.</summary>
    private static async ValueTask StopAsync(IOptinTransaction tx, Guid contactId, string purposeId, string why, Instant now, CancellationToken cancellationToken)
    {
        await tx.Jobs.CancelAsync(contactId, purposeId, why, now, cancellationToken);
        await tx.Tokens.RevokeAsync(contactId, purposeId, TokenKind.Confirm, now, cancellationToken);
    }
}
