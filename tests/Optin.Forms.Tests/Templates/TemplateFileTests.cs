using NodaTime.Testing;
using Optin.Forms.Schema;
using Optin.Forms.Templates;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Templates;

public sealed class TemplateFileTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "optin-templates-" + Guid.NewGuid().ToString("N"));

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public async Task Compile_FilesUnderRoot_AreReadAndRendered()
    {
        Directory.CreateDirectory(Path.Combine(_root, "mails"));
        await File.WriteAllTextAsync(Path.Combine(_root, "mails", "news.fr.html"), "<p>Nouveautés — {{ UnsubscribeUrl }}</p>");
        var options = Options("mails/news.fr.html");
        var problems = new List<ConfigurationProblem>();

        var renderer = new EmailRenderer(EmailTemplateCompiler.Compile(options, problems), new FakeClock(Some.Now));
        var email = await renderer.RenderAsync("news", "fr", new EmailModel { UnsubscribeUrl = "https://example.test/u" });

        Assert.Empty(problems);
        Assert.Equal("<p>Nouveautés — https://example.test/u</p>", email.Html);
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public void Compile_FileOutsideRoot_IsRefusedWithItsPath()
    {
        Directory.CreateDirectory(_root);
        var problems = new List<ConfigurationProblem>();

        EmailTemplateCompiler.Compile(Options("../secrets.html"), problems);

        Assert.Contains("OptinForms:Templates:news:HtmlFile:fr: '../secrets.html' is outside the template root (CFG-2)",
            problems.Select(p => p.ToString()));
    }

    private OptinFormsOptions Options(string htmlFile)
    {
        var options = new OptinFormsOptions { TemplateRoot = _root };
        options.Templates["news"] = new EmailTemplateOptions
        {
            Marketing = true,
            Subject = { ["fr"] = "Nouveautés" },
            HtmlFile = { ["fr"] = htmlFile },
            Text = { ["fr"] = "Nouveautés {{ UnsubscribeUrl }}" },
        };
        return options;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
