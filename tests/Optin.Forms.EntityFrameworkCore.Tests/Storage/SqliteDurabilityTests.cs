using Microsoft.Data.Sqlite;
using Optin.Forms.EntityFrameworkCore.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.Storage;

/// <summary>
/// What the SQLite writer acknowledges is in the file: a child process commits contacts from four callers and prints each
/// id once its commit returned; it is killed with SIGKILL mid-stream; the file, reopened, holds every printed id.
/// </summary>
/// <remarks>
/// What this proves: an acknowledgment comes only after the group's COMMIT has written the turn's frames to the WAL file
/// (a group committed late, a turn acknowledged before its group's COMMIT, or a commit lost when the writer is torn down
/// would each leave an acknowledged id missing), and the WAL that the writer syncs itself (synchronous=NORMAL plus its own
/// fsync) is recovered by the next opener. What it cannot prove: durability across a power cut or a kernel crash. SIGKILL
/// kills the process, not the machine: the kernel's page cache survives it, so a write() that reached the WAL is found
/// again even if it was never fsynced. That the fsync covers every acknowledged commit is shown by the group commit's
/// unit tests (a commit returns only after a sync that started after its COMMIT), not here.
/// </remarks>
public sealed class SqliteDurabilityTests
{
    private const int Acknowledgments = 300;

    [Fact]
    [Trait("Invariant", "3")]
    public async Task Commit_ChildKilledWithSigkill_EveryAcknowledgedRowIsInTheReopenedFile()
    {
        var folder = Directory.CreateTempSubdirectory("optin-durability-");
        try
        {
            var path = Path.Combine(folder.FullName, "optin.db");
            var acknowledged = new List<Guid>();
            using (var child = ChildProcess.Start(SqliteDurabilityChild.Role, path))
            {
                var errors = child.StandardError.ReadToEndAsync();
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
                try
                {
                    while (acknowledged.Count < Acknowledgments
                        && await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                    {
                        acknowledged.Add(Guid.Parse(line));
                    }
                }
                finally
                {
                    child.Kill(); // SIGKILL on Linux and macOS: no disposal, no checkpoint, no flush of anything
                }

                // Lines written before the kill were acknowledged too.
                while (await child.StandardOutput.ReadLineAsync(CancellationToken.None) is { Length: > 0 } rest)
                {
                    acknowledged.Add(Guid.Parse(rest));
                }

                await child.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
                Assert.True(acknowledged.Count >= Acknowledgments, $"the child acknowledged only {acknowledged.Count} commits: {await errors}");
            }

            var stored = new HashSet<Guid>();
            SqliteConnection.ClearAllPools();
            await using (var connection = new SqliteConnection($"Data Source={path}"))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT id FROM optin_contacts";
                await using var reader = await command.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    stored.Add(Guid.Parse(reader.GetString(0)));
                }
            }

            var lost = acknowledged.Where(id => !stored.Contains(id)).ToList();
            Assert.Empty(lost);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }
}
