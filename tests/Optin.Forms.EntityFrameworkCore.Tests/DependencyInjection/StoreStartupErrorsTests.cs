using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.DependencyInjection;

/// <summary>What a new site gets wrong first: a missing App_Data folder, an unset connection string.</summary>
public sealed class StoreStartupErrorsTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("optin-start-");

    [Fact]
    public async Task ApplyMigrationsAtStartup_SqliteFolderMissing_CreatesItThenMigrates()
    {
        var file = Path.Combine(_folder.FullName, "App_Data", "x", "optin.db");
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(Some.Section()).UseEntityFrameworkCore(o => o.UseSqlite($"Data Source={file}")).ApplyMigrationsAtStartup();
        await using var provider = services.BuildServiceProvider();

        await StartAsync(provider);

        Assert.True(File.Exists(file));
        var result = await provider.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.newsletter", "true")), CancellationToken.None);
        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void UseEntityFrameworkCore_SqliteConnectionStringEmpty_FailsAtRegistrationNamingTheSetting(string? connectionString)
    {
        var optin = new ServiceCollection().AddLogging().AddOptinForms(Some.Section());

        var ex = Assert.Throws<InvalidOperationException>(() => optin.UseEntityFrameworkCore(o => o.UseSqlite(connectionString)));

        Assert.Equal(
            "UseEntityFrameworkCore: the database connection string is empty. Set ConnectionStrings:Optin (for example "
            + "\"Data Source=App_Data/optin.db\" for SQLite) or pass the connection string to UseSqlite(…) / UseNpgsql(…).",
            ex.Message);
    }

    [Fact]
    public void UseEntityFrameworkCore_NpgsqlConnectionStringEmpty_FailsAtRegistration()
    {
        var optin = new ServiceCollection().AddLogging().AddOptinForms(Some.Section());

        var ex = Assert.Throws<InvalidOperationException>(() => optin.UseEntityFrameworkCore(o => o.UseNpgsql("")));

        Assert.Contains("ConnectionStrings:Optin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplyMigrationsAtStartup_HostContextWithoutDataSource_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<HostDbContext>(o => o.UseSqlite(""));
        services.AddOptinForms(Some.Section()).UseEntityFrameworkCore<HostDbContext>().ApplyMigrationsAtStartup();
        await using var provider = services.BuildServiceProvider();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => StartAsync(provider));

        Assert.Contains("ConnectionStrings:Optin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyMigrationsAtStartup_WithoutEntityFrameworkCore_SaysToCallItFirst()
    {
        var optin = new ServiceCollection().AddLogging().AddOptinForms(Some.Section());

        var ex = Assert.Throws<InvalidOperationException>(optin.ApplyMigrationsAtStartup);

        Assert.Equal("ApplyMigrationsAtStartup: there is no EF Core store to migrate; call UseEntityFrameworkCore(…) first.", ex.Message);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private static async Task StartAsync(IServiceProvider provider)
    {
        foreach (var hosted in provider.GetServices<IHostedService>().Where(h => h.GetType().Assembly == typeof(OptinDbContext).Assembly))
        {
            await hosted.StartAsync(CancellationToken.None);
        }
    }
}
