namespace Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

/// <summary>
/// A lock whose waiters enter strictly in the order they asked, by construction: an explicit queue of waiters under a
/// lock, each handed the turn by the one before it. <see cref="SemaphoreSlim"/> documents no order, and the group
/// commit depends on one: a group's COMMIT queues behind the turns already waiting, so that they join the group.
/// </summary>
internal sealed class SqliteTurnQueue
{
    private readonly object _gate = new();
    private readonly Queue<TaskCompletionSource> _waiters = new();
    private bool _held;
    private int _waiting;

    /// <summary>How many callers wait for the turn (not counting the holder).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>
    /// Takes the turn, at once when it is free, otherwise after every caller that asked before. The caller is queued
    /// before this method returns, so two calls made one after the other enter in that order.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the turn came.</exception>
    public Task EnterAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource waiter;
        lock (_gate)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!_held)
            {
                _held = true;
                return Task.CompletedTask;
            }

            waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Enqueue(waiter);
            _waiting++;
        }

        if (cancellationToken.CanBeCanceled)
        {
            var registration = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
            _ = waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        return waiter.Task;
    }

    /// <summary>Passes the turn to the first caller still waiting, or frees it.</summary>
    public void Leave()
    {
        lock (_gate)
        {
            // A cancelled waiter stays in the queue until here; it is skipped, as it already left the count.
            while (_waiters.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    _waiting--;
                    return;
                }
            }

            _held = false;
        }
    }

    private void Cancel(TaskCompletionSource waiter, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // Under the lock, so that Leave either handed it the turn already or will skip it.
            if (waiter.TrySetCanceled(cancellationToken))
            {
                _waiting--;
            }
        }
    }
}
