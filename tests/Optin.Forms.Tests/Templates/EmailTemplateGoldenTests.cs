using System.Runtime.CompilerServices;
using NodaTime.Testing;
using Optin.Forms.Schema;
using Optin.Forms.Templates;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Templates;

/// <summary>
/// The embedded emails, rendered, compared with golden files. Set OPTIN_UPDATE_GOLDEN=1 to rewrite them after an
/// intended change, and review the diff.
/// </summary>
public sealed class EmailTemplateGoldenTests
{
    public static TheoryData<string, string> Cases() => new()
    {
        { "double-optin", "fr" }, { "double-optin", "en" }, { "welcome", "fr" }, { "welcome", "en" },
        { "owner-notification", "fr" }, { "owner-notification", "en" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    [Trait("Requirement", "DOI-6")]
    [Trait("Requirement", "SEC-4")]
    public async Task RenderAsync_EmbeddedTemplate_MatchesGoldenFile(string templateId, string culture)
    {
        var renderer = Renderer();
        var model = new EmailModel
        {
            ConfirmUrl = "https://example.test/optin/confirm/TOKEN",
            UnsubscribeUrl = "https://example.test/optin/unsubscribe/TOKEN",
            PreferencesUrl = "https://example.test/optin/preferences/TOKEN",
            ExpiresInDays = 7,
            Controller = "Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon",
            PurposeText = culture == "fr" ? Some.PurposeFr : Some.PurposeEn,
            SiteUrl = "https://example.test",
            Culture = culture,
            FormId = "contact",
            Email = "jean.dupont@exemple.fr",
            Fields = new Dictionary<string, string> { ["firstName"] = "Jean-Loïc", ["message"] = "Un devis pour <b>5</b> chaises & une table ?" },
            Consents = ["newsletter"],
            Purposes = templateId == "double-optin"
                ? [
                    new EmailPurpose("newsletter", culture == "fr" ? Some.ConsentFr : Some.ConsentEn, culture == "fr" ? Some.PurposeFr : Some.PurposeEn, null),
                    new EmailPurpose("webinar-cohost", culture == "fr" ? "J'accepte que mes coordonnées soient transmises au co-organisateur du webinaire."
                        : "I agree that my details go to the webinar's co-host.", culture == "fr" ? "Le co-organisateur vous invite à ses webinaires."
                        : "The co-host invites you to its webinars.", null),
                ]
                : [],
        };

        var email = await renderer.RenderAsync(templateId, culture, model);

        var actual = $"Subject: {email.Subject}\nMarketing: {email.Marketing}\n\n--- text ---\n{email.Text}\n--- html ---\n{email.Html}";
        var path = Path.Combine(SourceDirectory(), "Golden", $"{templateId}.{culture}.txt");
        if (Environment.GetEnvironmentVariable("OPTIN_UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, actual);
        }

        Assert.True(File.Exists(path), $"golden file missing: {path}");
        Assert.Equal(await File.ReadAllTextAsync(path), actual);
    }

    [Fact]
    [Trait("Requirement", "SEC-4")]
    public async Task RenderAsync_VisitorMarkupAndAccents_EncodesMarkupKeepsAccents()
    {
        var email = await Renderer().RenderAsync("owner-notification", "fr", new EmailModel
        {
            FormId = "contact",
            Email = "jean@exemple.fr",
            Fields = new Dictionary<string, string> { ["message"] = "<script>alert(1)</script> déjà vu" },
        });

        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; déjà vu", email.Html, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script> déjà vu", email.Text, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-4")]
    public async Task RenderAsync_RunawayLoop_StopsAtStepLimit()
    {
        var options = new OptinFormsOptions();
        options.Templates["loop"] = new EmailTemplateOptions
        {
            Subject = { ["*"] = "x" },
            Html = { ["*"] = "{% for i in (1..100000) %}{% for j in (1..100000) %}x{% endfor %}{% endfor %}" },
            Text = { ["*"] = "x" },
        };
        var problems = new List<ConfigurationProblem>();
        var renderer = new EmailRenderer(EmailTemplateCompiler.Compile(options, problems), new FakeClock(Some.Now));

        Assert.Empty(problems);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(async () => await renderer.RenderAsync("loop", "fr", new EmailModel()));
    }

    [Fact]
    [Trait("Requirement", "CFG-2")]
    public async Task RenderAsync_IncludeOfAFile_ReadsNothingFromDisk()
    {
        var options = new OptinFormsOptions();
        options.Templates["sneaky"] = new EmailTemplateOptions
        {
            Subject = { ["*"] = "x" },
            Html = { ["*"] = "before{% include '../../../../../etc/hostname' %}after" },
            Text = { ["*"] = "x" },
        };
        var renderer = new EmailRenderer(EmailTemplateCompiler.Compile(options, []), new FakeClock(Some.Now));

        var html = await RenderOrEmpty(renderer);

        Assert.DoesNotContain(Environment.MachineName, html, StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<string> RenderOrEmpty(EmailRenderer renderer)
    {
        try
        {
            return (await renderer.RenderAsync("sneaky", "fr", new EmailModel())).Html;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FileNotFoundException or Fluid.ParseException)
        {
            return string.Empty;
        }
    }

    private static EmailRenderer Renderer()
    {
        var problems = new List<ConfigurationProblem>();
        var set = EmailTemplateCompiler.Compile(new OptinFormsOptions { DefaultCulture = "fr" }, problems);
        Assert.Empty(problems);
        return new EmailRenderer(set, new FakeClock(Some.Now));
    }

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
