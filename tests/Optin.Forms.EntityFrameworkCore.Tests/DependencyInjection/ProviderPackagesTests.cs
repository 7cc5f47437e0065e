using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.EntityFrameworkCore.Storage;
using Optin.Forms.EntityFrameworkCore.Storage.PostgreSql;
using Optin.Forms.EntityFrameworkCore.Storage.Sqlite;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.EntityFrameworkCore.Tests.DependencyInjection;

/// <summary>
/// A SQLite site does not pull in Npgsql and a PostgreSQL site does not pull in SQLite (issue #16, "Providers"): the
/// base package is provider-neutral, each provider package brings its own client only. Checked on the NuGet closure
/// each package restores (what a site referencing it gets) and on the assemblies its code references at run time.
/// </summary>
public sealed class ProviderPackagesTests
{
    private const string Base = "Optin.Forms.EntityFrameworkCore";
    private const string Sqlite = "Optin.Forms.EntityFrameworkCore.Sqlite";
    private const string PostgreSql = "Optin.Forms.EntityFrameworkCore.PostgreSql";

    private static readonly string[] SqliteClients = ["Microsoft.Data.Sqlite", "Microsoft.EntityFrameworkCore.Sqlite", "SQLitePCLRaw"];
    private static readonly string[] PostgreSqlClients = ["Npgsql"];

    public static TheoryData<string, string[]> Forbidden() => new()
    {
        { Base, [.. SqliteClients, .. PostgreSqlClients] },
        { Sqlite, PostgreSqlClients },
        { PostgreSql, SqliteClients },
    };

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void PackageClosure_HoldsNoOtherProvidersClient(string package, string[] forbidden)
    {
        var closure = PackageClosure(package);

        Assert.NotEmpty(closure);
        Assert.Contains("Microsoft.EntityFrameworkCore.Relational", closure);
        Assert.DoesNotContain(closure, name => forbidden.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Theory]
    [MemberData(nameof(Forbidden))]
    public void AssemblyReferences_ReachNoOtherProvidersClient(string package, string[] forbidden)
    {
        var reached = ReferenceClosure(Assembly.Load(new AssemblyName(package)));

        Assert.Contains("Microsoft.EntityFrameworkCore.Relational", reached);
        Assert.DoesNotContain(reached, name => forbidden.Any(f => name.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void ProviderPackages_ReferenceTheirOwnClient()
    {
        // The check above can fail: each provider's closure does hold its own client.
        Assert.Contains(PackageClosure(Sqlite), n => n.StartsWith("Microsoft.Data.Sqlite", StringComparison.Ordinal));
        Assert.Contains(PackageClosure(PostgreSql), n => n.StartsWith("Npgsql", StringComparison.Ordinal));
        Assert.Contains("Npgsql", ReferenceClosure(Assembly.Load(new AssemblyName(PostgreSql))));
    }

    [Fact]
    public void Providers_FoundByTheConfiguredEfCoreProvider_NotByName()
    {
        Assert.IsType<SqliteStorageProvider>(OptinStorageProviders.For(Options(o => o.UseSqlite("Data Source=x.db")), OptinStorageProviders.Available));
        Assert.IsType<PostgreSqlStorageProvider>(OptinStorageProviders.For(Options(o => o.UseNpgsql("Host=127.0.0.1")), OptinStorageProviders.Available));
        Assert.Equal([Sqlite, PostgreSql], OptinStorageProviders.Available.Select(p => p.PackageName));
    }

    [Fact]
    public void UseEntityFrameworkCore_EachHostOwnsItsProviderInstances()
    {
        // Whatever a provider keeps per database (SQLite's writer) then belongs to one host and is disposed with it.
        static ServiceProvider Build()
        {
            var services = new ServiceCollection().AddLogging();
            services.AddOptinForms(Some.Section()).UseEntityFrameworkCore(o => o.UseSqlite("Data Source=x.db"));
            return services.BuildServiceProvider();
        }

        using var first = Build();
        using var second = Build();

        var ofFirst = first.GetServices<OptinStorageProvider>().ToList();
        Assert.Equal([Sqlite, PostgreSql], ofFirst.Select(p => p.PackageName));
        Assert.DoesNotContain(ofFirst, p => second.GetServices<OptinStorageProvider>().Contains(p));
        Assert.DoesNotContain(ofFirst, p => OptinStorageProviders.Available.Contains(p));
    }

    [Fact]
    public void UseEntityFrameworkCore_ProviderPackageNotReferenced_SaysWhichPackageToReference()
    {
        // As in a site that references Microsoft.EntityFrameworkCore.Sqlite and the base, but not Optin.Forms.EntityFrameworkCore.Sqlite.
        var ex = Assert.Throws<NotSupportedException>(() => OptinStorageProviders.For(Options(o => o.UseSqlite("Data Source=x.db")), []));

        Assert.Equal(
            "Optin.Forms.EntityFrameworkCore: no Optin.Forms provider package handles the EF Core provider Microsoft.EntityFrameworkCore.Sqlite. "
            + "Reference Optin.Forms.EntityFrameworkCore.Sqlite (UseSqlite) or Optin.Forms.EntityFrameworkCore.PostgreSql (UseNpgsql); neither is referenced.",
            ex.Message);
    }

    [Fact]
    public void UseEntityFrameworkCore_NoEfCoreProviderConfigured_SaysWhichPackageToReference()
    {
        var optin = new ServiceCollection().AddLogging().AddOptinForms(Some.Section());

        var ex = Assert.Throws<NotSupportedException>(() => optin.UseEntityFrameworkCore(_ => { }));

        Assert.Contains("Reference Optin.Forms.EntityFrameworkCore.Sqlite or Optin.Forms.EntityFrameworkCore.PostgreSql", ex.Message, StringComparison.Ordinal);
    }

    private static DbContextOptions Options(Action<DbContextOptionsBuilder> configure)
    {
        var builder = new DbContextOptionsBuilder();
        configure(builder);
        return builder.Options;
    }

    /// <summary>The packages a project restores for net10.0, its own dependencies included (its <c>project.assets.json</c>).</summary>
    private static List<string> PackageClosure(string package)
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Optin.Forms.sln")))
        {
            root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("Optin.Forms.sln not found above the test's folder.");
        }

        using var assets = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "src", package, "obj", "project.assets.json")));
        return assets.RootElement.GetProperty("targets").EnumerateObject().Single().Value.EnumerateObject()
            .Where(p => p.Value.GetProperty("type").GetString() == "package")
            .Select(p => p.Name.Split('/')[0])
            .ToList();
    }

    /// <summary>The names of the assemblies <paramref name="start"/> references, recursively, beyond the shared framework.</summary>
    private static HashSet<string> ReferenceClosure(Assembly start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<AssemblyName>(start.GetReferencedAssemblies());
        while (pending.TryDequeue(out var name))
        {
            if (name.Name is null || name.Name.StartsWith("System", StringComparison.Ordinal) || !seen.Add(name.Name))
            {
                continue;
            }

            Assembly assembly;
            try
            {
                assembly = Assembly.Load(name);
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                pending.Enqueue(reference);
            }
        }

        return seen;
    }
}
