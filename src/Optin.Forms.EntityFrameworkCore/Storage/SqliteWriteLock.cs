using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// One async lock per SQLite database in this process: SQLite has a single writer, and waiting here is cheaper and
/// fairer than spinning on <c>SQLITE_BUSY</c>. Other processes are kept out by <c>BEGIN IMMEDIATE</c>.
/// </summary>
internal static class SqliteWriteLock
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Locks = new(StringComparer.Ordinal);

    /// <summary>Takes the lock for the context's database, or returns null on PostgreSQL (which needs none).</summary>
    public static async ValueTask<SemaphoreSlim?> EnterAsync(DbContext context, SqlDialect dialect, CancellationToken cancellationToken)
    {
        if (dialect.IsPostgreSql)
        {
            return null;
        }

        var semaphore = Locks.GetOrAdd(context.Database.GetConnectionString() ?? "", _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        return semaphore;
    }
}
