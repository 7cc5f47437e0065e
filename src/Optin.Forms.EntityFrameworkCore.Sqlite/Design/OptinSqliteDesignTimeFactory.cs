using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Optin.Forms.EntityFrameworkCore.Design;

/// <summary>Lets <c>dotnet ef migrations add … --context OptinSqliteDbContext</c> create the context without a host.</summary>
internal sealed class OptinSqliteDesignTimeFactory : IDesignTimeDbContextFactory<OptinSqliteDbContext>
{
    public OptinSqliteDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<OptinSqliteDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
