using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Optin.Forms.ThirdStore.Tests;

/// <summary>The first C# block of <c>docs/writing-a-store.md</c> compiles against the packages, with a store of the host's.</summary>
public sealed partial class WritingAStoreDocTests
{
    /// <summary>What the page leaves to the reader: a store named MyStore.</summary>
    private const string HostStore = """
        using Optin.Forms.Storage;

        public sealed class MyStore : IOptinStore
        {
            public IContactReader Contacts => throw new NotImplementedException();
            public IConsentLedgerReader Ledger => throw new NotImplementedException();
            public ISubmissionReader Submissions => throw new NotImplementedException();
            public IEvidenceArchiveReader Archive => throw new NotImplementedException();
            public Optin.Forms.Jobs.IJobStore Jobs => throw new NotImplementedException();
            public ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
        }
        """;

    [Fact]
    public void FirstCSharpBlock_SubclassingASuite_Compiles()
    {
        var snippet = FirstCSharpBlock();

        Assert.Empty(Compile(snippet));
        Assert.Contains(": OptinStoreConformanceTests", snippet, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ReportsAnError_WhenTheSuiteHasNoSuchMember()
    {
        var diagnostics = Compile(FirstCSharpBlock().Replace("CreateStoreAsync", "CreateStore", StringComparison.Ordinal));

        Assert.Contains(diagnostics, d => d.Id is "CS0115" or "CS0534");
    }

    private static string FirstCSharpBlock()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(folder!.FullName, "Optin.Forms.sln")))
        {
            folder = folder.Parent;
        }

        return CSharpBlock().Match(File.ReadAllText(Path.Combine(folder.FullName, "docs", "writing-a-store.md"))).Groups[1].Value;
    }

    private static List<Diagnostic> Compile(string snippet)
    {
        var parse = new CSharpParseOptions(LanguageVersion.Latest);
        const string usings = "global using System;\nglobal using System.Threading;\nglobal using System.Threading.Tasks;\n";
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p));
        var compilation = CSharpCompilation.Create(
            "WritingAStore",
            [CSharpSyntaxTree.ParseText(usings, parse), CSharpSyntaxTree.ParseText(HostStore, parse), CSharpSyntaxTree.ParseText(snippet, parse)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var output = new MemoryStream();
        return compilation.Emit(output).Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
