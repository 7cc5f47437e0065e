using System.Diagnostics;
using System.Text.Json;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Documentation;

/// <summary>
/// Each package carries its own README, and only the repository's own <c>src/</c> folder holds packages. Checked on
/// the evaluated MSBuild properties and items (what <c>dotnet pack</c> would use), without building anything.
/// </summary>
public sealed class PackageReadmeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    public static TheoryData<string> Packages() =>
        ["Optin.Forms", "Optin.Forms.AspNetCore", "Optin.Forms.EntityFrameworkCore", "Optin.Forms.EntityFrameworkCore.Sqlite",
            "Optin.Forms.EntityFrameworkCore.PostgreSql", "Optin.Forms.MailKit", "Optin.Forms.Cli", "Optin.Forms.Testing"];

    [Theory]
    [MemberData(nameof(Packages))]
    public async Task Pack_EachPackage_CarriesItsOwnReadme(string package)
    {
        var folder = Path.Combine(RepositoryFiles.Root, "src", package);

        var evaluated = await EvaluateAsync(Path.Combine(folder, package + ".csproj"), "-getProperty:PackageReadmeFile", "-getProperty:IsPackable", "-getItem:None");

        Assert.Equal("README.md", evaluated.GetProperty("Properties").GetProperty("PackageReadmeFile").GetString());
        Assert.Equal("true", evaluated.GetProperty("Properties").GetProperty("IsPackable").GetString(), ignoreCase: true);
        var packed = evaluated.GetProperty("Items").GetProperty("None").EnumerateArray()
            .Where(i => i.TryGetProperty("Pack", out var pack) && pack.GetString() == "true"
                && i.TryGetProperty("PackagePath", out var path) && path.GetString() == "/")
            .Select(i => i.GetProperty("FullPath").GetString())
            .ToList();
        Assert.Equal([Path.Combine(folder, "README.md")], packed);
        Assert.StartsWith("# " + package + "\n", RepositoryFiles.Read(Path.Combine("src", package, "README.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_CloneUnderAFolderNamedSrc_OnlyTheRepositorysOwnSrcIsPackable()
    {
        var home = Directory.CreateTempSubdirectory("optin-clone-");
        try
        {
            var clone = Path.Combine(home.FullName, "src", "optin-forms");
            foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            {
                Directory.CreateDirectory(clone);
                File.Copy(Path.Combine(RepositoryFiles.Root, file), Path.Combine(clone, file));
            }

            var test = Project(clone, "tests", "Some.Tests");
            var package = Project(clone, "src", "Some.Package");

            var testProps = await EvaluateAsync(test, "-getProperty:IsPackable", "-getProperty:GenerateDocumentationFile");
            var packageProps = await EvaluateAsync(package, "-getProperty:IsPackable", "-getProperty:GenerateDocumentationFile");

            Assert.Equal("false", testProps.GetProperty("Properties").GetProperty("IsPackable").GetString(), ignoreCase: true);
            Assert.NotEqual("true", testProps.GetProperty("Properties").GetProperty("GenerateDocumentationFile").GetString(), StringComparer.OrdinalIgnoreCase);
            Assert.Equal("true", packageProps.GetProperty("Properties").GetProperty("IsPackable").GetString(), ignoreCase: true);
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static string Project(string root, string folder, string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(root, folder, name)).FullName;
        var path = Path.Combine(directory, name + ".csproj");
        File.WriteAllText(path, "<Project Sdk=\"Microsoft.NET.Sdk\" />\n");
        return path;
    }

    /// <summary>Runs <c>dotnet msbuild</c> to evaluate a project (no build, no restore); at most two minutes.</summary>
    private static async Task<JsonElement> EvaluateAsync(string project, params string[] queries)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        foreach (var argument in (string[])["msbuild", project, "-nologo", .. queries])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(Limit);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet msbuild {project} took more than {Limit}");
        }

        Assert.True(process.ExitCode == 0, $"dotnet msbuild {project}: {await output}{await error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }
}
