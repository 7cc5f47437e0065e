using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.Jobs;

namespace Optin.Forms.EntityFrameworkCore.Storage.PostgreSql;

/// <summary>
/// On PostgreSQL, listens on <see cref="PostgreSqlJobNotifications.Channel"/> over a dedicated connection and wakes this
/// host's job worker when any host commits a job due now. On SQLite, or with <see cref="JobOptions.WakeOnCommit"/> off,
/// it does nothing.
/// </summary>
/// <remarks>
/// When the connection fails it reconnects with a doubling backoff (1 s up to 30 s) and wakes the worker once connected,
/// since notifications sent meanwhile are lost; the worker's polling covers the gap.
/// </remarks>
internal sealed partial class PostgreSqlJobListener(IOptinDbContextSource source, JobSignal signal, IOptions<JobOptions> options,
    ILogger<PostgreSqlJobListener> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(30);
    private int _listens;

    /// <summary>How many times a connection has started listening (tests: the first start, then each reconnection).</summary>
    internal int Listens => Volatile.Read(ref _listens);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WakeOnCommit || await ConnectionStringAsync(stoppingToken) is not { } connectionString)
        {
            return;
        }

        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                connection.Notification += (_, _) => signal.Raise();
                await connection.OpenAsync(stoppingToken);
                await using (var listen = new NpgsqlCommand($"LISTEN {PostgreSqlJobNotifications.Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                retry = FirstRetry;
                signal.Raise(); // whatever was committed while not listening
                Interlocked.Increment(ref _listens);
                while (true)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A lost connection must not stop the listener: polling covers the gap until it is back.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ListenFailed(logger, retry, ex);
            }

            await Task.Delay(retry, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
        }
    }

    /// <summary>The store's connection string, without pooling (a LISTEN holds its connection), or null when not PostgreSQL.</summary>
    private async ValueTask<string?> ConnectionStringAsync(CancellationToken cancellationToken)
    {
        var retry = FirstRetry;
        while (true)
        {
            try
            {
                await using var lease = await source.CreateAsync(cancellationToken);
                if (!PostgreSqlStorageProvider.IsNpgsql(lease.Context.GetService<IDbContextOptions>()) || lease.Context.Database.GetConnectionString() is not { } text)
                {
                    return null;
                }

                return new NpgsqlConnectionStringBuilder(text) { Pooling = false, Enlist = false }.ConnectionString;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The host's context may not be creatable yet; try again as for a lost connection.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                ListenFailed(logger, retry, ex);
                await Task.Delay(retry, cancellationToken);
                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
        }
    }

    [LoggerMessage(EventId = 5900, Level = LogLevel.Warning,
        Message = "Listening for queued jobs on PostgreSQL failed; trying again in {Retry} (the job worker keeps polling meanwhile).")]
    private static partial void ListenFailed(ILogger logger, TimeSpan retry, Exception exception);
}
