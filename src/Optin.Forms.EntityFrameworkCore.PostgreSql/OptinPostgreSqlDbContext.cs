using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore;

/// <summary>The Optin.Forms context for PostgreSQL; its migrations are in <c>Migrations/PostgreSql</c>.</summary>
public sealed class OptinPostgreSqlDbContext : OptinDbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">Options configured with <c>UseNpgsql</c>.</param>
    public OptinPostgreSqlDbContext(DbContextOptions<OptinPostgreSqlDbContext> options)
        : base(options)
    {
    }
}
