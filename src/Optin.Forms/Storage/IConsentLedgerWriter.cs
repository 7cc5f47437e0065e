using Optin.Forms.Consent;

namespace Optin.Forms.Storage;

/// <summary>The consent ledger part of an <see cref="IOptinTransaction"/>: append-only (CONS-8).</summary>
public interface IConsentLedgerWriter
{
    /// <summary>Appends events to the ledger, in order; the store assigns their <see cref="ConsentEvent.Sequence"/>.</summary>
    /// <remarks>
    /// Sequences grow in append order across the whole ledger, and each contact's entries are chained in that order
    /// (LEDG-1). Nothing in the ledger is ever updated; erasure is the one way out, and it leaves a tombstone.
    /// </remarks>
    /// <param name="events">The events, in the order they happened.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">An event id is already in the ledger (append-only, CONS-8).</exception>
    ValueTask AppendAsync(IReadOnlyList<ConsentEvent> events, CancellationToken cancellationToken);
}
