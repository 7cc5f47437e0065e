namespace Optin.Forms.Cli.Tests;

/// <summary>Tests that set environment variables of this process run alone, so that no other test reads them.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;

[Collection(nameof(ProcessEnvironment))]
public sealed class SecretWarningsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("optin-secrets-").FullName;

    private const string Settings = """
        {
          "OptinForms": {
            "BaseUrl": "https://example.test",
            "Mail": {
              "From": "Atelier Dupont <bonjour@atelier-dupont.example>",
              "Smtp": { "Host": "smtp.example.test", "UserName": "atelier", "Password": "hunter2", "Dkim": { "PrivateKeyPem": "-----BEGIN PRIVATE KEY-----" } }
            },
            "DoubleOptin": { "HashKey": "q3Jv0Zr8yq6bU2Tz0m5c1Xh7Kp4Ld9Ws2Ef6Gt8Ny0=" },
            "DataProtection": { "Controller": "Atelier Dupont SARL", "PrivacyNoticeUrl": "/confidentialite" },
            "Purposes": {
              "newsletter": {
                "Marketing": false,
                "Retention": "1095.00:00:00",
                "Texts": { "fr": { "Consent": "J'accepte de recevoir la lettre d'information.", "Purpose": "Envoi de la lettre d'information." } }
              }
            },
            "Forms": {
              "newsletter": {
                "DoubleOptin": false,
                "Fields": [ { "Name": "email", "Kind": "Email", "Required": true }, { "Name": "Secret", "Kind": "Hidden", "Value": "x" } ],
                "Consents": [ "newsletter" ]
              }
            },
            "Rules": [
              {
                "Name": "crm",
                "When": "FormSubmitted",
                "If": { "FieldEquals": { "Secret": "x" } },
                "Then": [ { "Action": "Webhook", "Args": { "Url": "https://crm.example.test/hook", "Secret": "s3cr3t-s3cr3t-s3cr3t" } } ]
              }
            ]
          }
        }
        """;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    [Trait("Requirement", "CFG-6")]
    public async Task Check_SecretsInTheSettingsFile_AreEachWarnedAbout_WithTheUserSecretsAndEnvironmentForms()
    {
        var file = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(file, Settings);
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await OptinCommand.RunAsync(["check", file], stdout, stderr);

        var warnings = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.StartsWith("warning: ", StringComparison.Ordinal)).ToList();
        Assert.True(code == OptinCommand.Ok, stdout.ToString());
        Assert.Equal(
            [
                "OptinForms:DoubleOptin:HashKey",
                "OptinForms:Mail:Smtp:Dkim:PrivateKeyPem",
                "OptinForms:Mail:Smtp:Password",
                "OptinForms:Rules:0:Then:0:Args:Secret",
            ],
            warnings.Select(w => w["warning: ".Length..w.IndexOf(": a secret", StringComparison.Ordinal)]).Order(StringComparer.Ordinal));
        Assert.Contains("warning: OptinForms:Rules:0:Then:0:Args:Secret: a secret in a settings file; keep it in user-secrets "
            + "(dotnet user-secrets set \"OptinForms:Rules:0:Then:0:Args:Secret\" \"<value>\") or an environment variable "
            + "(OptinForms__Rules__0__Then__0__Args__Secret), not in appsettings.json, which is committed and deployed with the site.", warnings);
        Assert.DoesNotContain("hunter2", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CFG-6")]
    public async Task Check_WebhookSecretInAnEnvironmentVariable_IsReadAsByAHost_AndNotWarnedAbout()
    {
        var settings = System.Text.Json.Nodes.JsonNode.Parse(Settings)!;
        settings["OptinForms"]!["Rules"]![0]!["Then"]![0]!["Args"]!.AsObject().Remove("Secret");
        var file = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(file, settings.ToJsonString());
        const string Variable = "OptinForms__Rules__0__Then__0__Args__Secret";

        var (withoutCode, without) = await Check(file);
        Environment.SetEnvironmentVariable(Variable, "s3cr3t-s3cr3t-s3cr3t");
        try
        {
            var (withCode, with) = await Check(file);

            Assert.Equal(OptinCommand.Invalid, withoutCode);
            Assert.Contains("OptinForms:Rules[crm] (position 0):Then:0:Args:Secret", without, StringComparison.Ordinal);
            Assert.True(withCode == OptinCommand.Ok, with);
            Assert.DoesNotContain("Args:Secret", with, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(Variable, null);
        }
    }

    private static async Task<(int Code, string Out)> Check(string file)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await OptinCommand.RunAsync(["check", file], stdout, stderr);
        return (code, stdout.ToString());
    }

    [Fact]
    public void Keys_AreTheSecretsTheSchemaMarks()
    {
        Assert.Equal(
            [("Args", "Secret"), ("Challenge", "HmacKey"), ("Deliverability", "ReportSecret"), ("Dkim", "PrivateKeyPem"), ("DoubleOptin", "HashKey"), ("Imap", "Password"), ("Smtp", "Password")],
            SecretWarnings.Keys.Order());
    }
}
