using Microsoft.EntityFrameworkCore;

namespace Optin.Forms.EntityFrameworkCore.Tests.DependencyInjection;

/// <summary>A host application's own context, with its own table and the Optin.Forms model added to it.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    /// <summary>The host's own data.</summary>
    public DbSet<HostOrder> Orders => Set<HostOrder>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HostOrder>().ToTable("orders");
        modelBuilder.ApplyOptinFormsModel();
    }
}
