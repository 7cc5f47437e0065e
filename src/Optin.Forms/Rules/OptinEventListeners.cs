using Optin.Forms.Storage;

namespace Optin.Forms.Rules;

/// <summary>Hands an event to every listener inside the transaction that records it.</summary>
internal static class OptinEventListeners
{
    public static async ValueTask RaiseAsync(IEnumerable<IOptinEventListener> listeners, OptinEvent optinEvent,
        IOptinTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            await listener.HandleAsync(optinEvent, transaction, cancellationToken);
        }
    }
}
