using Optin.Forms.Storage;

namespace Optin.Forms.Rules;

/// <summary>Hands an event to every listener inside the transaction that records it.</summary>
internal static class OptinEventListeners
{
    /// <summary>An array of listeners (the pipeline's): indexed, with no enumerator allocated per event.</summary>
    public static async ValueTask RaiseAsync(IOptinEventListener[] listeners, OptinEvent optinEvent,
        IOptinTransaction transaction, CancellationToken cancellationToken)
    {
        for (var i = 0; i < listeners.Length; i++)
        {
            await listeners[i].HandleAsync(optinEvent, transaction, cancellationToken);
        }
    }

    public static async ValueTask RaiseAsync(IEnumerable<IOptinEventListener> listeners, OptinEvent optinEvent,
        IOptinTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            await listener.HandleAsync(optinEvent, transaction, cancellationToken);
        }
    }
}
