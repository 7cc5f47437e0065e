using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Preferences;

/// <summary>
/// The preference page's engine: reads what a person holds from the contact and the ledger, and withdraws or records an
/// objection in one store transaction, with the proof of the request in the ledger.
/// </summary>
public sealed partial class PreferenceService : IPreferenceService
{
    private static readonly ConsentEventKind[] OptingIn =
        [ConsentEventKind.Given, ConsentEventKind.Confirmed, ConsentEventKind.SetManually, ConsentEventKind.SetInBulk];

    private readonly IFormCatalogProvider _catalog;
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IOptinEventListener[] _listeners;

    /// <summary>Creates the service.</summary>
    public PreferenceService(IFormCatalogProvider catalog, IOptinStore store, IClock clock, IEnumerable<IOptinEventListener> listeners)
    {
        ArgumentNullException.ThrowIfNull(listeners);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _listeners = [.. listeners];
    }

    /// <inheritdoc />
    public async ValueTask<PreferencePage?> FindAsync(string token, CancellationToken cancellationToken)
    {
        Contact contact;
        TokenRecord record;
        await using (var tx = await _store.BeginTransactionAsync(cancellationToken))
        {
            if (await FindUsableAsync(tx, token, cancellationToken) is not var (foundRecord, foundContact))
            {
                return null;
            }

            (record, contact) = (foundRecord, foundContact);
        }

        var held = contact.Optins.Where(o => o.Value.State == OptinState.OptedIn).Select(o => o.Key)
            .Order(StringComparer.OrdinalIgnoreCase).ToList();
        var latest = new Dictionary<string, ConsentEvent>(StringComparer.OrdinalIgnoreCase);
        if (held.Count > 0)
        {
            // A ledger entry never changes once written: read outside the transaction, as the confirmation does.
            await foreach (var e in _store.Ledger.ReadAsync(contact.Id, cancellationToken))
            {
                if (e.State == OptinState.OptedIn && OptingIn.Contains(e.Kind) && (!latest.TryGetValue(e.PurposeId, out var seen) || e.OccurredAt >= seen.OccurredAt))
                {
                    latest[e.PurposeId] = e;
                }
            }
        }

        var catalog = _catalog.Current;
        return new PreferencePage
        {
            MaskedEmail = AddressMask.Mask(contact.Email),
            Culture = record.Culture,
            ObjectedToMarketing = contact.ObjectedToMarketing,
            Purposes = [.. held.Select(id =>
            {
                var given = latest.GetValueOrDefault(id);
                return new HeldPurpose
                {
                    PurposeId = catalog.FindPurpose(id)?.Id ?? id,
                    Marketing = catalog.FindPurpose(id)?.Marketing == true,
                    ConsentText = given?.ConsentText,
                    PurposeText = given?.PurposeText,
                    PurposeVersion = given?.PurposeVersion,
                    Controller = given?.Controller,
                    GivenAt = given?.OccurredAt ?? contact.Optins[id].ChangedAt,
                };
            })],
        };
    }

    /// <summary>The usable preference token and its contact: of this kind, not expired, not revoked (DOI-3).</summary>
    private async ValueTask<(TokenRecord Token, Contact Contact)?> FindUsableAsync(IOptinTransaction tx, string token, CancellationToken cancellationToken)
    {
        if (!OptinToken.TryHash(token, out var hash)
            || await tx.Tokens.FindAsync(hash, cancellationToken) is not { } record
            || !OptinToken.HashEquals(record.Hash, hash)
            || record.Kind != TokenKind.Preferences
            || record.ConsumedAt is not null
            || record.ExpiresAt <= _clock.GetCurrentInstant()
            || await tx.Contacts.FindAsync(record.ContactId, cancellationToken) is not { } contact)
        {
            return null;
        }

        return (record, contact);
    }
}
