namespace Optin.Forms.Cli.Tests;

public sealed class OptinCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("optin-cli-").FullName;

    private const string ValidJson = """
        {
          "OptinForms": {
            "BaseUrl": "https://example.test",
            "Mail": { "From": "Atelier Dupont <bonjour@atelier-dupont.example>" },
            "DefaultCulture": "fr",
            "DataProtection": { "Controller": "Atelier Dupont SARL", "PrivacyNoticeUrl": "/confidentialite" },
            "Purposes": {
              "newsletter": {
                "Marketing": true,
                "Retention": "1095.00:00:00",
                "Texts": { "fr": { "Consent": "J'accepte de recevoir la lettre d'information.", "Purpose": "Envoi de la lettre d'information." } }
              }
            },
            "Forms": {
              "newsletter": {
                "Fields": [ { "Name": "email", "Kind": "Email", "Required": true } ],
                "Consents": [ "newsletter" ]
              }
            }
          }
        }
        """;

    private string Write(string name, string json)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, json);
        return path;
    }

    private static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await OptinCommand.RunAsync(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Check_ValidFile_ExitsZeroAndSummarises()
    {
        var (code, output, _) = await Run("check", Write("appsettings.json", ValidJson));

        Assert.Equal(OptinCommand.Ok, code);
        Assert.Equal("OK: 1 form(s), 1 purpose(s), 0 landing page(s).", output.Trim());
    }

    [Fact]
    [Trait("Requirement", "CONS-2")]
    [Trait("Requirement", "CFG-1")]
    public async Task Check_OverrideFileWithMistakes_PrintsEveryProblemWithItsPath()
    {
        var main = Write("appsettings.json", ValidJson);
        var overrides = Write("appsettings.Production.json", """
            { "OptinForms": { "Forms": { "newsletter": { "Consents": [ { "Purpose": "newsletter", "Checked": true } ], "Colour": "red" } } } }
            """);

        var (code, output, _) = await Run("check", main, overrides);

        Assert.Equal(OptinCommand.Invalid, code);
        Assert.Contains("2 problems:", output, StringComparison.Ordinal);
        Assert.Contains("  OptinForms:Forms:newsletter:Colour: unknown key 'Colour'", output, StringComparison.Ordinal);
        Assert.Contains("  OptinForms:Forms:newsletter:Consents:0: a consent checkbox cannot be checked by default", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "DSR-5")]
    [Trait("Requirement", "CFG-6")]
    public async Task Check_HashKeyInTheFileOrShort_WarnsWhileItIsSo_AndUnsetDoesNot()
    {
        var main = Write("appsettings.json", ValidJson);
        var weak = Write("appsettings.Weak.json", """{ "OptinForms": { "DoubleOptin": { "HashKey": "atelier" } } }""");
        var strong = Write("appsettings.Strong.json", """{ "OptinForms": { "DoubleOptin": { "HashKey": "q3Jv0Zr8yq6bU2Tz0m5c1Xh7Kp4Ld9Ws2Ef6Gt8Ny0=" } } }""");

        var (unsetCode, unset, _) = await Run("check", main);
        var (weakCode, weakOutput, _) = await Run("check", main, weak);
        var (_, strongOutput, _) = await Run("check", main, strong);

        Assert.Equal(OptinCommand.Ok, unsetCode);
        Assert.DoesNotContain("warning", unset, StringComparison.Ordinal);
        Assert.Equal(OptinCommand.Ok, weakCode);
        Assert.Contains("warning: OptinForms:DoubleOptin:HashKey: the key has 7 characters", weakOutput, StringComparison.Ordinal);
        Assert.Contains("warning: OptinForms:DoubleOptin:HashKey: a secret in a settings file", weakOutput, StringComparison.Ordinal);
        Assert.Contains("warning: OptinForms:DoubleOptin:HashKey: a secret in a settings file", strongOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("characters", strongOutput, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "PROC-1")]
    public async Task Check_FormWhoseDataHasNoDeclaredProcessing_PrintsThePathAndHowToFixIt()
    {
        var main = Write("appsettings.json", ValidJson);
        var quote = Write("appsettings.Quote.json", """
            { "OptinForms": { "Forms": { "quote": {
              "Fields": [ { "Name": "email", "Kind": "Email", "Required": true }, { "Name": "message", "Kind": "TextArea", "Required": true } ],
              "Consents": [ "newsletter" ] } } } }
            """);

        var (code, output, _) = await Run("check", main, quote);

        Assert.Equal(OptinCommand.Invalid, code);
        Assert.Contains("  OptinForms:Forms:quote:Processing: the form requires 'message', which its consent purposes do not need, so the processing of its data is not declared: add Processing with a Purpose",
            output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MissingFile_ExitsWithUsageCode()
    {
        var (code, _, error) = await Run("check", Path.Combine(_folder, "nope.json"));

        Assert.Equal(OptinCommand.Usage, code);
        Assert.Contains("no such file", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_MalformedJson_ExitsWithUsageCode()
    {
        var (code, _, error) = await Run("check", Write("broken.json", "{ \"OptinForms\": "));

        Assert.Equal(OptinCommand.Usage, code);
        Assert.Contains("cannot read the configuration", error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "ROPA-1")]
    public async Task Ropa_Json_PrintsTheRecordOfProcessing()
    {
        var (code, output, _) = await Run("ropa", Write("appsettings.json", ValidJson), "--format", "json");

        Assert.Equal(OptinCommand.Ok, code);
        Assert.Contains("\"schema\": \"optin-forms/ropa/2\"", output, StringComparison.Ordinal);
        Assert.Contains("\"purposeId\": \"newsletter\"", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public async Task Ropa_Markdown_FollowsTheDefaultCultureOrTheCultureOption()
    {
        var settings = Write("appsettings.json", ValidJson);

        var (code, french, _) = await Run("ropa", settings);
        var (_, english, _) = await Run("ropa", settings, "--culture", "en");

        Assert.Equal(OptinCommand.Ok, code);
        Assert.StartsWith("# Registre des activités de traitement (RGPD, art. 30)", french, StringComparison.Ordinal);
        Assert.Contains("\n## Autres données conservées par Optin.Forms\n", french, StringComparison.Ordinal);
        Assert.StartsWith("# Record of processing activities (GDPR Art. 30)", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_PrintsUsage()
    {
        var (code, _, error) = await Run("frobnicate", "x");

        Assert.Equal(OptinCommand.Usage, code);
        Assert.Contains("Usage:", error, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public async Task Check_LandingTemplatePerCultureFirst_LoadsAsTheRuntimeReadsIt()
    {
        var settings = Write("appsettings.json", ValidJson);
        var page = Write("appsettings.Salon.json", """
            {
              "OptinForms": {
                "LandingPages": { "salon": { "Path": "/salon", "Form": "newsletter", "Template": "salon" } },
                "Templates": {
                  "salon": {
                    "fr": { "Html": "<p>Merci de votre visite !</p>{{ form }}" },
                    "en": { "Html": "<p>Thank you for coming by!</p>{{ form }}" }
                  }
                }
              }
            }
            """);

        var (code, output, _) = await Run("check", settings, page);

        Assert.Equal(OptinCommand.Ok, code);
        Assert.Equal("OK: 1 form(s), 1 purpose(s), 1 landing page(s).", output.Trim());
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public async Task Check_EmailTemplatePerCultureFirst_LoadsAndUnknownPartIsNamed()
    {
        var settings = Write("appsettings.json", ValidJson);
        var templates = Write("appsettings.Templates.json", """
            {
              "OptinForms": {
                "Templates": {
                  "merci": {
                    "fr": { "Subject": "Merci", "Html": "<p>Merci</p>", "Text": "Merci", "Colour": "red" },
                    "Footer": "x"
                  }
                }
              }
            }
            """);

        var (code, output, _) = await Run("check", settings, templates);

        Assert.Equal(OptinCommand.Invalid, code);
        Assert.Contains("2 problems:", output, StringComparison.Ordinal);
        Assert.Contains("  OptinForms:Templates:merci:fr:Colour: unknown key 'Colour'; expected one of: Subject, Html, Text, HtmlFile, TextFile", output, StringComparison.Ordinal);
        Assert.Contains("  OptinForms:Templates:merci:Footer: unknown key 'Footer'; expected one of: Marketing, Subject, Html, Text, HtmlFile, TextFile, or a culture name such as fr holding them", output, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CFG-5")]
    public async Task Check_DoubleOptinFormWithoutConfirmationOrMailSettings_ReportsTheFormPath()
    {
        var settings = Write("appsettings.json", ValidJson
            .Replace("\"BaseUrl\": \"https://example.test\",", string.Empty, StringComparison.Ordinal)
            .Replace("\"Mail\": { \"From\": \"Atelier Dupont <bonjour@atelier-dupont.example>\" },", string.Empty, StringComparison.Ordinal));

        var (code, output, _) = await Run("check", settings);

        Assert.Equal(OptinCommand.Invalid, code);
        Assert.Equal(
            [
                "1 problem:",
                "  OptinForms:Forms:newsletter:DoubleOptin: the form asks for double opt-in on 'newsletter' and no enabled FormSubmitted rule sends " +
                "SendDoubleOptinEmail for it; the built-in rule that would send the 'double-optin' email needs OptinForms:BaseUrl and " +
                "OptinForms:Mail:From (CFG-5)",
            ],
            output.TrimEnd().Split(Environment.NewLine));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
