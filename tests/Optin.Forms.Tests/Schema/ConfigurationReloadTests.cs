using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Templates;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>CFG-4: a reload that is invalid keeps the previous configuration and logs why; a valid one is applied.</summary>
public sealed class ConfigurationReloadTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"optinforms-{Guid.NewGuid():N}.json");

    [Fact]
    [Trait("Requirement", "CFG-4")]
    public void Reload_InvalidJsonConfiguration_KeepsThePreviousCatalogAndLogsWhy()
    {
        WriteJson(Some.Settings());
        var (services, configuration, log) = Build();
        using var _ = services;
        var provider = services.GetRequiredService<IFormCatalogProvider>();
        var before = provider.Current;

        WriteJson(StartupValidationTests.With(
            ("OptinForms:Forms:newsletter:Title:fr", "Nouveau titre"),
            ("OptinForms:Forms:contact:Consents:0", null),
            ("OptinForms:Forms:contact:Consents:0:Purpose", "newsletter"),
            ("OptinForms:Forms:contact:Consents:0:Checked", "true")));
        configuration.Reload();

        Assert.Same(before, provider.Current);
        Assert.Equal("Restons en contact", provider.Current.Forms["newsletter"].Title.Get("fr"));
        // IConfigurationRoot.Reload signals twice (the provider's token, then the root's): each signal logs once.
        var entry = log.Entries.First(e => e.EventId.Id == 1001);
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.DoesNotContain(log.Entries, e => e.EventId.Id == 1002);
        Assert.Contains("OptinForms:Forms:contact:Consents:0: a consent checkbox cannot be checked by default", entry.Message, StringComparison.Ordinal);
        Assert.Contains("the previous configuration stays in force", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CFG-4")]
    public void Reload_ValidJsonConfiguration_ReplacesTheCatalogAndChangesTheFormVersion()
    {
        WriteJson(Some.Settings());
        var (services, configuration, log) = Build();
        using var _ = services;
        var provider = services.GetRequiredService<IFormCatalogProvider>();
        var before = provider.Current;

        WriteJson(StartupValidationTests.With(("OptinForms:Forms:newsletter:Title:fr", "Nouveau titre")));
        configuration.Reload();

        Assert.NotSame(before, provider.Current);
        Assert.Equal("Nouveau titre", provider.Current.Forms["newsletter"].Title.Get("fr"));
        Assert.NotEqual(before.Forms["newsletter"].Version, provider.Current.Forms["newsletter"].Version);
        Assert.Equal(before.Forms["contact"].Version, provider.Current.Forms["contact"].Version);
        Assert.Contains(log.Entries, e => e.EventId.Id == 1002);
        Assert.DoesNotContain(log.Entries, e => e.EventId.Id == 1001);
    }

    [Fact]
    [Trait("Requirement", "CFG-4")]
    public void Reload_InvalidThenValid_AppliesOnlyTheValidOne()
    {
        WriteJson(Some.Settings());
        var (services, configuration, log) = Build();
        using var _ = services;
        var provider = services.GetRequiredService<IFormCatalogProvider>();
        var first = provider.Current;

        WriteJson(StartupValidationTests.With(("OptinForms:Purposes:newsletter:Retention", "forever")));
        configuration.Reload();
        Assert.Same(first, provider.Current);

        WriteJson(StartupValidationTests.With(("OptinForms:Purposes:newsletter:Retention", "730.00:00:00")));
        configuration.Reload();

        Assert.Equal(NodaTime.Duration.FromDays(730), provider.Current.Purposes["newsletter"].Retention);
        Assert.Equal([1001, 1002], log.Entries.Where(e => e.EventId.Id is 1001 or 1002).Select(e => e.EventId.Id).Distinct());
    }

    [Fact]
    [Trait("Requirement", "CFG-4")]
    public void Reload_NewRuleAndTemplate_AreInForceWithTheNewCatalog_AndAnInvalidOneChangesNeither()
    {
        var settings = Flow.Settings();
        WriteJson(settings);
        var (services, configuration, _) = Build();
        using var _ = services;
        var rules = services.GetRequiredService<RuleSetProvider>();
        var renderer = services.GetRequiredService<EmailRenderer>();
        Assert.DoesNotContain(rules.All, r => r.Name == "news");
        Assert.Null(renderer.Templates.Find("news", "fr"));

        settings["OptinForms:Templates:news:Subject:fr"] = "Nouvelles du salon";
        settings["OptinForms:Templates:news:Text:fr"] = "Bonjour";
        settings["OptinForms:Templates:news:Html:fr"] = "<p>Bonjour</p><p><a href=\"{{ UnsubscribeUrl }}\">Se désinscrire</a></p>";
        settings["OptinForms:Rules:4:Name"] = "news";
        settings["OptinForms:Rules:4:When"] = "OptinConfirmed";
        settings["OptinForms:Rules:4:Then:0:Action"] = "SendEmail";
        settings["OptinForms:Rules:4:Then:0:Args:Template"] = "news";
        WriteJson(settings);
        configuration.Reload();
        var news = Assert.Single(rules.For("OptinConfirmed"), r => r.Name == "news");
        Assert.NotNull(renderer.Templates.Find("news", "fr"));

        settings["OptinForms:Rules:4:Then:0:Args:Template"] = "missing";
        WriteJson(settings);
        configuration.Reload();

        Assert.Same(news, Assert.Single(rules.For("OptinConfirmed"), r => r.Name == "news"));
        Assert.NotNull(renderer.Templates.Find("news", "fr"));
    }

    public void Dispose() => File.Delete(_file);

    private (ServiceProvider Services, IConfigurationRoot Configuration, LogRecorder Log) Build()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(_file, optional: false, reloadOnChange: false).Build();
        var log = new LogRecorder();
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        services.AddOptinForms(configuration.GetSection("OptinForms"));
        return (services.BuildServiceProvider(), configuration, log);
    }

    /// <summary>Writes flat settings (<c>A:B:0</c>) as nested JSON, arrays as objects with index keys.</summary>
    private void WriteJson(Dictionary<string, string?> settings)
    {
        var root = new Dictionary<string, object>();
        foreach (var (key, value) in settings)
        {
            var node = root;
            var parts = key.Split(':');
            foreach (var part in parts[..^1])
            {
                if (!node.TryGetValue(part, out var child))
                {
                    node[part] = child = new Dictionary<string, object>();
                }

                node = (Dictionary<string, object>)child;
            }

            node[parts[^1]] = value!;
        }

        File.WriteAllText(_file, JsonSerializer.Serialize(root));
    }
}
