using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.DependencyInjection;

/// <summary>The two ways in: the package's own context, and the host's context with the model added.</summary>
public sealed class UseEntityFrameworkCoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("optin-di-");

    private string ConnectionString => $"Data Source={Path.Combine(_folder.FullName, "app.db")}";

    [Fact]
    public async Task UseEntityFrameworkCore_WithApplyMigrationsAtStartup_MigratesOnStartAndReplacesTheInMemoryStore()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(Some.Section()).UseEntityFrameworkCore(o => o.UseSqlite(ConnectionString)).ApplyMigrationsAtStartup();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        var store = provider.GetRequiredService<IOptinStore>();
        Assert.IsNotType<InMemoryOptinStore>(store);
        var result = await provider.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.newsletter", "true")), CancellationToken.None);
        Assert.True(result.Succeeded);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM optin_contacts"));
        Assert.Equal(6, await CountAsync("SELECT COUNT(*) FROM __EFMigrationsHistory")); // InitialCreate, EvidenceAndRestriction, SettingsAndCounterExpiry, DpoSignOff (#15), BackOffice (#17), MultiPurposeConfirm (#18)
    }

    [Fact]
    public void ApplyMigrationsAtStartup_CalledTwice_RegistersOneInitializerBeforeTheEnginesHostedServices()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(Some.Section()).UseEntityFrameworkCore(o => o.UseSqlite(ConnectionString)).ApplyMigrationsAtStartup().ApplyMigrationsAtStartup();

        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType?.Name).ToList();

        Assert.Equal("OptinDatabaseInitializer", hosted[0]);
        Assert.Single(hosted, name => name == "OptinDatabaseInitializer");
        Assert.Contains("JobWorker", hosted);
    }

    [Fact]
    public async Task UseEntityFrameworkCoreOfHostContext_AddDbContext_StoresInTheHostsDatabase()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<HostDbContext>(o => o.UseSqlite(ConnectionString));
        services.AddOptinForms(Some.Section()).UseEntityFrameworkCore<HostDbContext>();
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
            await db.Database.EnsureCreatedAsync();
            db.Orders.Add(new HostOrder { Label = "first order" });
            await db.SaveChangesAsync();
        }

        var result = await provider.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("consent.newsletter", "true")), CancellationToken.None);

        Assert.True(result.Succeeded);
        var contact = await provider.GetRequiredService<IOptinStore>().Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.Equal("jean.dupont@exemple.fr", contact!.EmailKey);
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM optin_contacts"));
        Assert.Equal(1, await CountAsync("SELECT COUNT(*) FROM orders"));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
