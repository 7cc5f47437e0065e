using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Optin.Forms.Cli.Tests;

/// <summary>
/// Log event ids are a registry: unique across every shipped package, each package in its own range. A host that
/// filters or alerts on an event id must never catch another package's message by accident.
/// </summary>
/// <remarks>It lives here because this test project references every package.</remarks>
public sealed class LogEventIdTests
{
    /// <summary>The range of each package, the same as in the remarks of the core's and MailKit's log classes.</summary>
    private static readonly Dictionary<string, (int First, int Last)> Ranges = new(StringComparer.Ordinal)
    {
        ["Optin.Forms"] = (1000, 3999),
        ["Optin.Forms.AspNetCore"] = (4000, 4999),
        ["Optin.Forms.EntityFrameworkCore"] = (5000, 5999),
        ["Optin.Forms.EntityFrameworkCore.Sqlite"] = (5000, 5999), // the provider packages share the base's range
        ["Optin.Forms.EntityFrameworkCore.PostgreSql"] = (5000, 5999),
        ["Optin.Forms.MailKit"] = (6000, 6999),
        ["Optin.Forms.Cli"] = (7000, 7999),
    };

    [Fact]
    public void LoggerMessages_AllShippedAssemblies_HaveUniqueEventIdsInTheirPackageRange()
    {
        var assemblies = ShippedAssemblies();
        Assert.Equal(Ranges.Keys.Order(StringComparer.Ordinal), assemblies.Select(a => a.GetName().Name!).Order(StringComparer.Ordinal));

        var messages = assemblies.SelectMany(LoggerMessages).ToList();

        // Not vacuous: the packages hold more log messages than this.
        Assert.True(messages.Count > 20, $"only {messages.Count} [LoggerMessage] methods found");
        var duplicates = messages.GroupBy(m => m.EventId)
            .Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(m => m.Name))}")
            .ToList();
        Assert.True(duplicates.Count == 0, "event ids used more than once: " + string.Join("; ", duplicates));
        var outOfRange = messages.Where(m => m.EventId < Ranges[m.Assembly].First || m.EventId > Ranges[m.Assembly].Last)
            .Select(m => $"{m.Name} = {m.EventId} (range {Ranges[m.Assembly].First}-{Ranges[m.Assembly].Last})")
            .ToList();
        Assert.True(outOfRange.Count == 0, "event ids outside their package's range: " + string.Join("; ", outOfRange));
    }

    /// <summary>Every Optin.Forms assembly next to the tests except test assemblies; the anchors make sure each is loaded.</summary>
    private static List<Assembly> ShippedAssemblies()
    {
        Type[] anchors =
        [
            typeof(OptinFormsOptions),
            typeof(AspNetCore.OptinFormsWebOptions),
            typeof(EntityFrameworkCore.OptinDbContext),
            typeof(EntityFrameworkCore.OptinSqliteDbContext),
            typeof(EntityFrameworkCore.OptinPostgreSqlDbContext),
            typeof(MailKit.SmtpMailSender),
            typeof(OptinCommand),
        ];
        var byName = anchors.Select(t => t.Assembly).ToDictionary(a => a.GetName().Name!, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(AppContext.BaseDirectory, "Optin.Forms*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (!name.EndsWith(".Tests", StringComparison.Ordinal) && !byName.ContainsKey(name))
            {
                byName[name] = Assembly.Load(new AssemblyName(name));
            }
        }

        return [.. byName.Values];
    }

    private static IEnumerable<(string Assembly, string Name, int EventId)> LoggerMessages(Assembly assembly)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var assemblyName = assembly.GetName().Name!;
        foreach (var type in assembly.GetTypes())
        {
            foreach (var method in type.GetMethods(All))
            {
                if (method.GetCustomAttribute<LoggerMessageAttribute>() is { } attribute)
                {
                    yield return (assemblyName, type.FullName + "." + method.Name, attribute.EventId);
                }
            }
        }
    }
}
