using System.Collections.Concurrent;
using Optin.Forms.Contacts;
using Optin.Forms.Rules;
using Optin.Forms.Storage;

namespace Optin.Forms.Tests.Support;

/// <summary>What <see cref="ProbeListener"/> saw: each event, and what the transaction and the store showed at that moment.</summary>
internal sealed class ListenerProbeLog
{
    public ConcurrentQueue<(OptinEvent Event, Contact? InTransaction, Contact? Committed)> Seen { get; } = new();
}

/// <summary>Records every event with the contact as seen inside the transaction and as committed in the store.</summary>
internal sealed class ProbeListener(ListenerProbeLog log, IOptinStore store) : IOptinEventListener
{
    public async ValueTask HandleAsync(OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken)
    {
        var inTransaction = await transaction.Contacts.FindAsync(optinEvent.ContactId, cancellationToken);
        var committed = await store.Contacts.FindAsync(optinEvent.ContactId, cancellationToken);
        log.Seen.Enqueue((optinEvent, inTransaction, committed));
    }
}

/// <summary>A listener that fails, as a rule whose job cannot be scheduled would.</summary>
internal sealed class FailingListener : IOptinEventListener
{
    public ValueTask HandleAsync(OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The listener failed.");
}
