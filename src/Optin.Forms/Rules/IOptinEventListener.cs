using Optin.Forms.Storage;

namespace Optin.Forms.Rules;

/// <summary>
/// Receives every <see cref="OptinEvent"/> inside the store transaction that recorded it, so that what it
/// schedules (jobs, outbox entries) commits together with the event or not at all (invariant 3).
/// </summary>
/// <remarks>The rule engine is the main implementation. A handler must not send mail or call out: it only writes through the transaction it is given.</remarks>
public interface IOptinEventListener
{
    /// <summary>Handles <paramref name="optinEvent"/>; an exception rolls the whole transaction back.</summary>
    /// <param name="optinEvent">The event.</param>
    /// <param name="transaction">The open transaction the event is being recorded in.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask HandleAsync(OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Whether this listener does anything with events of <paramref name="eventType"/>. A bulk change raises its
    /// per-contact events only when some listener handles them; the default is <see langword="true"/>.
    /// </summary>
    /// <param name="eventType">A type derived from <see cref="OptinEvent"/>.</param>
    bool ListensTo(Type eventType) => true;
}
