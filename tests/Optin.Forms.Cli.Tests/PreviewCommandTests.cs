using MimeKit;

namespace Optin.Forms.Cli.Tests;

public sealed class PreviewCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("optin-preview-").FullName;

    private const string Json = """
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
              "webinar": {
                "Fields": [
                  { "Name": "email", "Kind": "Email", "Required": true },
                  { "Name": "firstName", "Label": { "fr": "Prénom", "en": "First name" } },
                  { "Name": "topic", "Kind": "Select", "Options": [
                    { "Value": "it", "Label": { "fr": "Informatique", "en": "Computing" } },
                    { "Value": "wood", "Label": { "fr": "Menuiserie" } } ] }
                ],
                "Consents": [ "newsletter" ]
              }
            },
            "Rules": [
              { "Name": "welcome", "When": "OptinConfirmed", "If": { "Purpose": "newsletter" }, "Then": [ { "Action": "SendEmail", "Args": { "Template": "welcome" } } ] },
              { "Name": "notify-sales", "When": "FormSubmitted", "Forms": [ "webinar" ],
                "Then": [ { "Action": "SendEmail", "Args": { "Template": "owner-notification", "To": "ventes@atelier-dupont.example" } } ] }
            ]
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
    [Trait("Requirement", "AUTH-1")]
    public async Task Preview_Notification_WritesTheEmlWithSampleValuesAndOptionLabels()
    {
        var eml = Path.Combine(_folder, "notif.eml");

        var (code, output, error) = await Run("preview", "owner-notification", "--culture", "fr", "--settings", Write("appsettings.json", Json), "--out", eml);

        Assert.Equal((OptinCommand.Ok, ""), (code, error));
        Assert.Equal(eml, output.Trim());
        var message = await MimeMessage.LoadAsync(eml);
        Assert.Equal("Nouveau message du formulaire webinar", message.Subject);
        Assert.Equal("ventes@atelier-dupont.example", message.To.Mailboxes.Single().Address);
        Assert.Contains("marie.dupont@example.org", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("topic : Informatique", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("firstName : [Prénom]", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public async Task Preview_DoubleOptinInEnglish_ShowsTheSampleLink()
    {
        var eml = Path.Combine(_folder, "doi.eml");

        var (code, output, _) = await Run("preview", "double-optin", "--culture", "en", "--settings", Write("appsettings.json", Json), "--out", eml);

        Assert.Equal(OptinCommand.Ok, code);
        Assert.Equal(eml, output.Trim());
        var message = await MimeMessage.LoadAsync(eml);
        Assert.Equal("Please confirm your subscription", message.Subject);
        Assert.Contains("https://example.org/optin/confirm/SAMPLE-TOKEN", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("The link works for 7 days", message.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public async Task Preview_MarketingTemplate_CarriesTheUnsubscribeHeaders()
    {
        var eml = Path.Combine(_folder, "welcome.eml");

        var (code, _, _) = await Run("preview", "welcome", "--culture", "fr", "--settings", Write("appsettings.json", Json), "--out", eml);

        Assert.Equal(OptinCommand.Ok, code);
        var message = await MimeMessage.LoadAsync(eml);
        Assert.Equal("Bienvenue, [Prénom] !", message.Subject);
        Assert.Equal("<https://example.org/optin/unsubscribe/SAMPLE-TOKEN>", message.Headers[HeaderId.ListUnsubscribe]);
    }

    [Fact]
    public async Task Preview_UnknownTemplate_SuggestsTheClosestAndExitsNonZero()
    {
        var (code, output, error) = await Run("preview", "welcom", "--settings", Write("appsettings.json", Json));

        Assert.Equal(OptinCommand.Usage, code);
        Assert.Equal("", output);
        Assert.Equal("optin preview: there is no email template 'welcom'; did you mean 'welcome'? The email templates are: double-optin, owner-notification, welcome.",
            error.Trim());
    }

    [Fact]
    public async Task Preview_CultureTheTemplateIsNotWrittenIn_ListsItsCulturesAndExitsNonZero()
    {
        var settings = Write("appsettings.json", Json);

        var (code, _, error) = await Run("preview", "welcome", "--culture", "de", "--settings", settings);
        var (nonsense, _, nonsenseError) = await Run("preview", "welcome", "--culture", "français", "--settings", settings);

        Assert.Equal(OptinCommand.Usage, code);
        Assert.Equal("optin preview: the template 'welcome' is not written in 'de'; its cultures are: en, fr.", error.Trim());
        Assert.Equal(OptinCommand.Usage, nonsense);
        Assert.Equal("optin preview: 'français' is not a culture name; write one such as fr, en or fr-CA", nonsenseError.Trim());
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public async Task Check_TemplateWithUnknownFieldAndDoubleOptinWithoutLink_PrintsBothWithTheirPaths()
    {
        var main = Write("appsettings.json", Json);
        var overrides = Write("appsettings.Production.json", """
            { "OptinForms": { "Templates": {
                "owner-notification": { "fr": { "Subject": "Nouveau", "Html": "<p>{{ Fields.jobtitle }}</p>", "Text": "{{ Fields.topic }}" } },
                "double-optin": { "fr": { "Subject": "Confirmez", "Html": "<p>Merci</p>", "Text": "{{ ConfirmUrl }}" } } } } }
            """);

        var (code, output, _) = await Run("check", main, overrides);

        Assert.Equal(OptinCommand.Invalid, code);
        Assert.Contains("  OptinForms:Templates:owner-notification:Html:fr: {{ Fields.jobtitle }} is not a field of the form 'webinar' (rule 'notify-sales' "
            + "sends this template for it), so it would print nothing; its fields are firstName, topic (AUTH-1)", output, StringComparison.Ordinal);
        Assert.Contains("  OptinForms:Templates:double-optin:Html:fr: a double opt-in email must show its confirmation link {{ ConfirmUrl }} in its Html "
            + "and in its Text, or nobody can confirm; the Html in 'fr' does not (the built-in double opt-in rule sends this template with SendDoubleOptinEmail) (AUTH-1)",
            output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
