using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Storage.Sqlite;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// The writer's turns are handed on in the order they were asked for, by construction (a queue of waiters), not by
/// whatever order a <see cref="SemaphoreSlim"/> happens to release them in: a group's COMMIT relies on it.
/// </summary>
public sealed class SqliteTurnQueueTests
{
    [Fact]
    public async Task Enter_ManyWaiters_EnterInArrivalOrder()
    {
        var queue = new SqliteTurnQueue();
        await queue.EnterAsync(CancellationToken.None);
        var entered = new List<int>();
        var waiters = Enumerable.Range(0, 50).Select(async i =>
        {
            await queue.EnterAsync(CancellationToken.None);
            entered.Add(i); // under the turn: one at a time
            await Task.Yield(); // the next one must still wait for Leave, not for this continuation
            queue.Leave();
        }).ToList();
        Assert.Equal(50, queue.Waiting);

        queue.Leave();
        await Task.WhenAll(waiters).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(Enumerable.Range(0, 50), entered);
        Assert.Equal(0, queue.Waiting);
    }

    [Fact]
    public async Task Enter_WaiterCancelled_IsSkippedAndTheOthersKeepTheirOrder()
    {
        var queue = new SqliteTurnQueue();
        await queue.EnterAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var first = queue.EnterAsync(CancellationToken.None);
        var cancelled = queue.EnterAsync(cancel.Token);
        var third = queue.EnterAsync(CancellationToken.None);
        Assert.Equal(3, queue.Waiting);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(2, queue.Waiting);

        queue.Leave();
        await first.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(third.IsCompleted);
        queue.Leave();
        await third.WaitAsync(TimeSpan.FromSeconds(30));
        queue.Leave();

        // Free again: the next caller enters at once.
        Assert.True(queue.EnterAsync(CancellationToken.None).IsCompletedSuccessfully);
    }
}
