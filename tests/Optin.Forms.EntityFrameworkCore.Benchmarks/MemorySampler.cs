using System.Diagnostics;

namespace Optin.Forms.EntityFrameworkCore.Benchmarks;

/// <summary>Samples the process's working set while a phase runs and keeps the peak (SQLite's page cache included).</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public MemorySampler()
    {
        _sampling = Task.Run(async () =>
        {
            using var process = Process.GetCurrentProcess();
            while (!_stop.IsCancellationRequested)
            {
                process.Refresh();
                _peak = Math.Max(_peak, process.WorkingSet64);
                try
                {
                    await Task.Delay(20, _stop.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        });
    }

    public double PeakMegabytes => _peak / 1024.0 / 1024.0;

    public async ValueTask DisposeAsync()
    {
        if (_sampling.IsCompleted)
        {
            return;
        }

        await _stop.CancelAsync();
        await _sampling;
    }
}
