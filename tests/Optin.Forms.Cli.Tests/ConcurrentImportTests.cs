using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;

namespace Optin.Forms.Cli.Tests;

/// <summary>
/// The command line and a running site write to the same SQLite file at the same time: <c>optin import</c> runs as a
/// process of its own while this process takes sign-ups on the site's store. SQLite's lock (<c>BEGIN IMMEDIATE</c>
/// and the busy timeout) makes each wait for the other: no write is lost and no <c>SQLITE_BUSY</c> reaches anyone.
/// </summary>
public sealed class ConcurrentImportTests : IDisposable
{
    private const int Imported = 3000;

    private readonly string _folder = Directory.CreateTempSubdirectory("optin-cli-concurrent-").FullName;

    [Fact]
    [Trait("Invariant", "3")]
    public async Task Import_InAnotherProcessDuringSignUps_LosesNoWriteAndNobodySeesBusy()
    {
        var settings = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(settings, StoreSettings.Json);
        var csv = new StringBuilder("email;firstName\n");
        for (var i = 0; i < Imported; i++)
        {
            csv.Append("import.").Append(i).Append("@exemple.fr;Nom").Append(i).Append('\n');
        }

        var csvPath = Path.Combine(_folder, "salon.csv");
        await File.WriteAllTextAsync(csvPath, csv.ToString());
        var configuration = new ConfigurationBuilder().AddJsonFile(settings).Build();
        await using var site = StoreEngine.Build(configuration, _folder, migrate: true);
        await StoreEngine.StartStoreAsync(site, CancellationToken.None);
        var store = site.GetRequiredService<IOptinStore>();

        using var import = StartCli("import", csvPath, "--settings", settings, "--source", "salon.csv", "--actor", "marie");
        var output = import.StandardOutput.ReadToEndAsync();
        var errors = import.StandardError.ReadToEndAsync();
        var exited = import.WaitForExitAsync();
        var failures = new List<Exception>();
        var signUps = 0;

        // Sign-ups from four callers for as long as the import runs (and at least a few each).
        var callers = Enumerable.Range(0, 4).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; !exited.IsCompleted || i < 5; i++)
            {
                try
                {
                    await SignUpAsync(store, $"site.{caller}.{i}@exemple.fr");
                    Interlocked.Increment(ref signUps);
                }
#pragma warning disable CA1031 // Every failure is what the test looks for.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }
                }
            }
        })).ToList();

        try
        {
            await exited.WaitAsync(TimeSpan.FromSeconds(240));
        }
        finally
        {
            if (!import.HasExited)
            {
                import.Kill();
            }
        }

        await Task.WhenAll(callers).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(import.ExitCode == 0, $"optin import exited with {import.ExitCode}: {await output} {await errors}");
        Assert.Contains($"  imported: {Imported}", await output, StringComparison.Ordinal);
        Assert.Empty(failures);
        Assert.Equal(Imported + signUps, await store.Contacts.CountAsync(new ContactQuery(), CancellationToken.None));
    }

    /// <summary>What a sign-up writes first: the contact, in a transaction of its own.</summary>
    private static async Task SignUpAsync(IOptinStore store, string email)
    {
        await using var tx = await store.BeginTransactionAsync(CancellationToken.None);
        await tx.Contacts.SaveAsync(new Contact
        {
            Id = Guid.NewGuid(),
            Email = email,
            EmailKey = email,
            CreatedAt = Instant.FromUtc(2026, 11, 1, 9, 0),
            UpdatedAt = Instant.FromUtc(2026, 11, 1, 9, 0),
            LastActivityAt = Instant.FromUtc(2026, 11, 1, 9, 0),
        }, CancellationToken.None);
        await tx.CommitAsync(CancellationToken.None);
    }

    /// <summary>The built command line (beside this test assembly), run as a process of its own.</summary>
    private static Process StartCli(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, typeof(OptinCommand).Assembly.GetName().Name + ".dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("optin did not start.");
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
