using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore;

/// <summary>The Optin.Forms context for SQLite; its migrations are in <c>Migrations/Sqlite</c>.</summary>
public sealed class OptinSqliteDbContext : OptinDbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">Options configured with <c>UseSqlite</c>.</param>
    public OptinSqliteDbContext(DbContextOptions<OptinSqliteDbContext> options)
        : base(options)
    {
    }
}
