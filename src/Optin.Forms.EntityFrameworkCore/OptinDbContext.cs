using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore;

/// <summary>
/// The package's own context, holding only the Optin.Forms tables. One subclass per provider carries that
/// provider's migrations: <c>OptinSqliteDbContext</c> (package Optin.Forms.EntityFrameworkCore.Sqlite) and <c>OptinPostgreSqlDbContext</c>
/// (package Optin.Forms.EntityFrameworkCore.PostgreSql).
/// </summary>
public abstract class OptinDbContext : DbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">The options, with a provider configured.</param>
    protected OptinDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyOptinFormsModel();
    }
}
