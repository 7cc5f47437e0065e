using System.Diagnostics.Metrics;
using NodaTime;
using Optin.Forms.Jobs;

namespace Optin.Forms.Diagnostics;

/// <content>The queue's gauges, read from the store at most every <see cref="QueueReadInterval"/>.</content>
internal sealed partial class OptinMetrics
{
    /// <summary>How long a read of the queue serves the gauges: a scrape every second costs one query per 15 seconds.</summary>
    public static readonly Duration QueueReadInterval = Duration.FromSeconds(15);

    /// <summary>How long a collection waits for a read of the queue before it reports the last one.</summary>
    private static readonly TimeSpan QueueReadWait = TimeSpan.FromSeconds(5);

    private readonly Lock _queueLock = new();
    private Func<Instant, CancellationToken, ValueTask<QueueHealth>>? _readQueue;
    private IClock? _clock;
    private QueueHealth? _queue;
    private Instant _queueReadAt;
    private Instant _queueTriedAt;
    private bool _reading;
    private bool _tried;
    private bool _unsupported;
    private Task? _queueRead;

    /// <summary>
    /// Adds the observable gauges of the queue, read through <paramref name="read"/> (the store's queue health). When
    /// <paramref name="read"/> throws <see cref="NotSupportedException"/> (a store without <see cref="Storage.IOptinStore.JobQueue"/>),
    /// the gauges report nothing, and the store is not asked again.
    /// </summary>
    public void ObserveQueue(Func<Instant, CancellationToken, ValueTask<QueueHealth>> read, IClock clock)
    {
        _readQueue = read;
        _clock = clock;
        Meter.CreateObservableGauge("optin.forms.jobs.due", () => Observe(q => q.Due), "{job}",
            "Jobs due and not yet started (the queue's depth).");
        Meter.CreateObservableGauge("optin.forms.jobs.dead_lettered", () => Observe(q => q.DeadLettered), "{job}",
            "Dead-lettered jobs, waiting for someone to retry or discard them.");
        Meter.CreateObservableGauge("optin.forms.jobs.running", () => Observe(q => q.Running), "{job}",
            "Jobs claimed by a worker.");
        Meter.CreateObservableGauge("optin.forms.jobs.oldest_due.age", ObserveOldestAge, "s",
            "How long the oldest due job has waited; 0 when none is due.");
    }

    /// <summary>The queue as last read; read again first when the last read is older than <see cref="QueueReadInterval"/>.</summary>
    internal QueueHealth? ReadQueue()
    {
        var start = false;
        Instant now;
        lock (_queueLock)
        {
            if (_readQueue is null || _clock is null || _unsupported)
            {
                return null;
            }

            now = _clock.GetCurrentInstant();
            if (_queue is not null && now - _queueReadAt < QueueReadInterval)
            {
                return _queue;
            }

            // One read at a time; a failed read also waits for the interval, so a database that is down is not hammered.
            if (!_reading && (!_tried || now - _queueTriedAt >= QueueReadInterval))
            {
                _reading = true;
                _queueTriedAt = now;
                _tried = true;
                start = true;
            }
        }

        var reading = start ? (_queueRead = RefreshAsync(now)) : _queueRead;
        reading?.Wait(QueueReadWait);
        lock (_queueLock)
        {
            return _queue;
        }
    }

    private async Task RefreshAsync(Instant now)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var read = await _readQueue!(now, timeout.Token);
            lock (_queueLock)
            {
                _queue = read;
                _queueReadAt = now;
            }
        }
        catch (NotSupportedException)
        {
            lock (_queueLock)
            {
                _unsupported = true;
            }
        }
#pragma warning disable CA1031 // A gauge must not throw into the exporter; the health check reports the store.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            lock (_queueLock)
            {
                _reading = false;
            }
        }
    }

    private IEnumerable<Measurement<long>> Observe(Func<QueueHealth, long> value) =>
        ReadQueue() is { } queue ? [new Measurement<long>(value(queue))] : [];

    private IEnumerable<Measurement<double>> ObserveOldestAge()
    {
        if (ReadQueue() is not { } queue)
        {
            return [];
        }

        Instant at;
        lock (_queueLock)
        {
            at = _queueReadAt;
        }

        var age = queue.OldestDueAt is { } oldest ? Math.Max(0, (at - oldest).TotalSeconds) : 0;
        return [new Measurement<double>(age)];
    }
}
