using Microsoft.Extensions.Configuration;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Schema;

/// <summary>appsettings.json plus an environment file or environment variables: layers must not hide a mistake.</summary>
public sealed class LayeredConfigurationTests
{
    private static IReadOnlyList<ConfigurationProblem> Compile(params Dictionary<string, string?>[] layers)
    {
        var builder = new ConfigurationBuilder();
        foreach (var layer in layers)
        {
            builder.AddInMemoryCollection(layer);
        }

        var options = new OptinFormsOptions();
        OptinFormsConfigurationReader.Read(builder.Build().GetSection("OptinForms"), options);
        FormCatalogCompiler.TryCompile(options, out var problems);
        return problems;
    }

    [Fact]
    [Trait("Requirement", "CONS-2")]
    public void Read_CheckedAddedByALaterLayerOverAPlainPurposeId_IsRefused()
    {
        var problems = Compile(Some.Settings(), new() { ["OptinForms:Forms:newsletter:Consents:0:Checked"] = "true" });

        var problem = Assert.Single(problems);
        Assert.Equal("OptinForms:Forms:newsletter:Consents:0: a consent checkbox cannot be checked by default", problem.ToString());
        Assert.Equal(ConfigurationCodes.PreCheckedConsent, problem.Code);
    }

    [Fact]
    [Trait("Requirement", "CONS-4")]
    public void Read_PurposesAddedByALaterLayerOverAPlainPurposeId_IsRefused()
    {
        var problems = Compile(Some.Settings(), new() { ["OptinForms:Forms:newsletter:Consents:0:Purposes:0"] = "partners" });

        var problem = Assert.Single(problems);
        Assert.Equal(ConfigurationCodes.SeveralPurposes, problem.Code);
        Assert.Equal("OptinForms:Forms:newsletter:Consents:0", problem.Path);
    }

    [Fact]
    public void Read_PlainTitleOverriddenPerCulture_KeepsBoth()
    {
        var settings = Some.Settings();
        settings.Remove("OptinForms:Forms:newsletter:Title:fr");
        settings.Remove("OptinForms:Forms:newsletter:Title:en");
        settings["OptinForms:Forms:newsletter:Title"] = "Newsletter";

        var options = new OptinFormsOptions();
        OptinFormsConfigurationReader.Read(new ConfigurationBuilder().AddInMemoryCollection(settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OptinForms:Forms:newsletter:Title:fr"] = "Lettre" })
            .Build().GetSection("OptinForms"), options);
        var catalog = FormCatalogCompiler.Compile(options);

        Assert.Equal("Lettre", catalog.Forms["newsletter"].Title.Get("fr"));
        Assert.Equal("Newsletter", catalog.Forms["newsletter"].Title.Get("de"));
    }
}
