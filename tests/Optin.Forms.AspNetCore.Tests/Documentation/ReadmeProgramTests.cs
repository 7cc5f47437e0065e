using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Optin.Forms.AspNetCore.Tests.Support;

namespace Optin.Forms.AspNetCore.Tests.Documentation;

/// <summary>
/// The project's rule: the README's first C# block is a complete Program.cs that compiles as it stands, in a
/// <c>dotnet new web</c> project that added the packages the README names.
/// </summary>
public sealed partial class ReadmeProgramTests
{
    /// <summary>The global usings of the Web SDK's ImplicitUsings (what a <c>dotnet new web</c> project has).</summary>
    private static readonly string[] WebSdkImplicitUsings =
    [
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Net.Http.Json",
        "System.Threading", "System.Threading.Tasks", "Microsoft.AspNetCore.Builder", "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Http", "Microsoft.AspNetCore.Routing", "Microsoft.Extensions.Configuration",
        "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Hosting", "Microsoft.Extensions.Logging",
    ];

    /// <summary>The packages the README tells to add (their own dependencies come with them).</summary>
    private static readonly string[] Packages =
        ["Optin.Forms.AspNetCore", "Optin.Forms.EntityFrameworkCore.Sqlite", "Optin.Forms.MailKit"];

    [Fact]
    public void FirstCSharpBlock_IsACompleteProgram_ThatCompilesInAWebProject()
    {
        var program = CSharpBlocks().First();

        var diagnostics = Compile(program);

        Assert.Empty(diagnostics);
        Assert.Contains("WebApplication.CreateBuilder(args)", program, StringComparison.Ordinal);
        Assert.Contains("app.Run();", program, StringComparison.Ordinal);
    }

    [Fact]
    public void FirstCSharpBlock_NeedsAtMostTwoUsingsBeyondThoseOfAWebProject()
    {
        var usings = UsingLine().Matches(CSharpBlocks().First()).Select(m => m.Groups[1].Value).ToList();

        Assert.True(usings.Count <= 2, "usings beyond the Web SDK's: " + string.Join(", ", usings));
        Assert.DoesNotContain(usings, u => u.StartsWith("Optin.", StringComparison.Ordinal));
    }

    [Fact]
    public void QuickStart_NamesThePackagesThatExist_AndKeepsItsTwoCommands()
    {
        var readme = RepositoryFiles.Read("README.md");

        Assert.Contains("dotnet run --project samples/LandingPage", readme, StringComparison.Ordinal);
        Assert.Contains("dotnet test Optin.Forms.sln", readme, StringComparison.Ordinal);
        foreach (var package in Packages)
        {
            Assert.Contains($"dotnet add package {package} --prerelease", readme, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, "src", package, package + ".csproj")), package);
        }

        var cli = RepositoryFiles.Read("src/Optin.Forms.Cli/Optin.Forms.Cli.csproj");
        Assert.Contains("<PackageId>Optin.Forms.Cli</PackageId>", cli, StringComparison.Ordinal);
        Assert.Contains("<ToolCommandName>optin</ToolCommandName>", cli, StringComparison.Ordinal);
        Assert.Contains("dotnet tool install --global Optin.Forms.Cli --prerelease", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ReportsAnError_WhenAnExtensionIsMissing()
    {
        // The check itself can fail: a call to something no package provides is an error.
        var diagnostics = Compile("var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddNoSuchThing();\n");

        Assert.Contains(diagnostics, d => d.Id == "CS1061");
    }

    private static List<string> CSharpBlocks() =>
        CSharpBlock().Matches(RepositoryFiles.Read("README.md")).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Compiles <paramref name="program"/> as a web app's Program.cs; returns its warnings and errors.</summary>
    private static List<Diagnostic> Compile(string program)
    {
        var globalUsings = string.Concat(WebSdkImplicitUsings.Select(u => $"global using global::{u};\n"));
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        var compilation = CSharpCompilation.Create(
            "ReadmeProgram",
            [CSharpSyntaxTree.ParseText(globalUsings, parse), CSharpSyntaxTree.ParseText(program, parse, "Program.cs")],
            References(),
            new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        var result = compilation.Emit(output);
        return result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    /// <summary>
    /// The shared frameworks of a web project (Microsoft.NETCore.App, Microsoft.AspNetCore.App) and the packages with
    /// everything they depend on, and nothing else of the test's: extensions from test libraries do not count.
    /// </summary>
    private static IEnumerable<MetadataReference> References()
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var framework in new[] { typeof(object).Assembly, typeof(WebApplication).Assembly })
        {
            var folder = Path.GetDirectoryName(framework.Location)!;
            paths.UnionWith(Directory.GetFiles(folder, "*.dll").Where(IsManaged));
        }

        var pending = new Queue<AssemblyName>(Packages.Select(p => new AssemblyName(p)));
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name.Name!))
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
                continue; // an optional dependency not deployed with the test; the app would not have it either
            }

            paths.Add(assembly.Location);
            foreach (var reference in assembly.GetReferencedAssemblies())
            {
                pending.Enqueue(reference);
            }
        }

        return paths.Select(p => MetadataReference.CreateFromFile(p));
    }

    private static bool IsManaged(string path)
    {
        try
        {
            AssemblyName.GetAssemblyName(path);
            return true;
        }
        catch (BadImageFormatException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"^using ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();
}
