using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Optin.Forms.EntityFrameworkCore.Design;

/// <summary>Lets <c>dotnet ef migrations add … --context OptinPostgreSqlDbContext</c> create the context without a host.</summary>
internal sealed class OptinPostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<OptinPostgreSqlDbContext>
{
    public OptinPostgreSqlDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OptinPostgreSqlDbContext>().UseNpgsql("Host=127.0.0.1;Database=optin_design").Options);
}
