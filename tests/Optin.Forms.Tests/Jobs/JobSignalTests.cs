using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Jobs;

public sealed class JobSignalTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(-1, true)]
    [InlineData(1, false)]
    public void IsDueAtOnce_OnlyForAJobDueWhenCreated(int dueInSeconds, bool expected)
    {
        var created = Instant.FromUnixTimeSeconds(1_763_000_000);
        var job = new JobRecord
        {
            Id = Guid.NewGuid(), Action = "SendEmail", Payload = "{}", CreatedAt = created, DueAt = created + Duration.FromSeconds(dueInSeconds),
        };

        Assert.Equal(expected, JobSignal.IsDueAtOnce(job));
        Assert.Throws<ArgumentNullException>(() => JobSignal.IsDueAtOnce(null!));
    }

    [Fact]
    public void WaitAsync_RaisedBefore_CompletesAtOnce()
    {
        var signal = new JobSignal();
        signal.Raise();

        Assert.True(signal.WaitAsync().IsCompleted);
        Assert.False(signal.WaitAsync().IsCompleted);
    }

    [Fact]
    public void WaitAsync_RaisedAfter_Completes()
    {
        var signal = new JobSignal();
        var wait = signal.WaitAsync();
        Assert.False(wait.IsCompleted);

        signal.Raise();

        Assert.True(wait.IsCompleted);
    }

    [Fact]
    public void Reset_ForgetsEarlierRaise()
    {
        var signal = new JobSignal();
        signal.Raise();

        signal.Reset();

        Assert.False(signal.WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task InMemoryStore_CommitQueuingJobDueNow_RaisesTheSignal()
    {
        var signal = new JobSignal();
        using var store = new InMemoryOptinStore(signal);
        var wait = signal.WaitAsync();

        await EnqueueAsync(store, Job(Some.Now), commit: true);

        Assert.True(wait.IsCompleted);
    }

    [Fact]
    public async Task InMemoryStore_RolledBackOrDueLater_RaisesNothing()
    {
        var signal = new JobSignal();
        using var store = new InMemoryOptinStore(signal);
        var wait = signal.WaitAsync();

        await EnqueueAsync(store, Job(Some.Now), commit: false);
        await EnqueueAsync(store, Job(Some.Now + Duration.FromDays(3)), commit: true);

        Assert.False(wait.IsCompleted);
    }

    private static async Task EnqueueAsync(InMemoryOptinStore store, JobRecord job, bool commit)
    {
        await using var tx = await store.BeginTransactionAsync(default);
        await tx.Jobs.EnqueueAsync(job, default);
        if (commit)
        {
            await tx.CommitAsync(default);
        }
    }

    private static JobRecord Job(Instant due) => new()
    {
        Id = Guid.NewGuid(),
        Action = "SendEmail",
        Payload = "{}",
        CreatedAt = Some.Now,
        DueAt = due,
    };
}
