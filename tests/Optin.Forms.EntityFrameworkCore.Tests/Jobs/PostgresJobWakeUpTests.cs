using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Optin.Forms.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Storage.PostgreSql;
using Optin.Forms.EntityFrameworkCore.Tests.Support;
using Optin.Forms.Mail;

namespace Optin.Forms.EntityFrameworkCore.Tests.Jobs;

/// <summary>
/// On PostgreSQL, a commit on one host wakes the other hosts' workers too (LISTEN/NOTIFY): host A only takes sign-ups,
/// host B, polling every 30 s, sends their emails within the 10 s bound; also after B's listening connection was cut.
/// </summary>
[RequiresPostgres]
public sealed class PostgresJobWakeUpTests : JobWakeUpTests
{
    private protected override Task<StoreHost> CreateHostAsync(Action<OptinFormsBuilder> configure, IDictionary<string, string?> settings) =>
        StoreHost.PostgresAsync(configure, settings);

    [Fact]
    public async Task CommitOnOneHost_WakesAnotherHostsWorker_BeforeItsPoll()
    {
        await using var a = await CreateHostAsync(Configure, Settings());
        await using var b = await a.SiblingAsync(Configure);
        var services = await StartWorkerAsync(b);
        var listener = services.OfType<PostgreSqlJobListener>().Single();
        var mail = b.Services.GetRequiredService<InMemoryMailSender>();
        try
        {
            // The first may be found by B's claim at start; once B listens, the second only by a notification.
            await SubmitAsync(a, "premier@exemple.fr");
            await WaitForMailAsync(b, 1, TimeSpan.FromSeconds(40));
            await WaitUntilAsync(() => listener.Listens >= 1);
            await SubmitAsync(a, "second@exemple.fr");
            await WaitForMailAsync(b, 2, Bound);

            // The listening connection is cut: the listener reconnects (after 1 s) and hears the next commit.
            var listens = listener.Listens;
            await TerminateListenersAsync(b.ConnectionString);
            await WaitUntilAsync(() => listener.Listens > listens);
            await SubmitAsync(a, "troisieme@exemple.fr");
            await WaitForMailAsync(b, 3, Bound);
        }
        finally
        {
            await StopAsync(services);
        }

        Assert.Equal(3, mail.UniqueMessages.Count);
        Assert.Empty(a.Services.GetRequiredService<InMemoryMailSender>().Messages);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(Bound);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    private static async Task TerminateListenersAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN {PostgreSqlJobNotifications.Channel}'", connection);
        await command.ExecuteNonQueryAsync();
    }
}
