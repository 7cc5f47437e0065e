using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.DependencyInjection;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.Tests.Support;

/// <summary>Test data: a realistic configuration and helpers around it.</summary>
internal static class Some
{
    public static readonly Instant Now = Instant.FromUtc(2026, 11, 12, 9, 30, 15) + Duration.FromMilliseconds(123);

    public const string ConsentFr = "J'accepte de recevoir la lettre d'information d'Atelier Dupont par e-mail.";
    public const string PurposeFr = "Les informations recueillies sur ce formulaire sont enregistrées par Atelier Dupont pour l'envoi de sa lettre d'information. Vous pouvez vous désinscrire à tout moment.";
    public const string ConsentEn = "I agree to receive Atelier Dupont's newsletter by email.";
    public const string PurposeEn = "Atelier Dupont stores the details you give here to send you its newsletter. You can unsubscribe at any time.";
    public const string QuotePurposeFr = "Répondre à votre demande de contact ou de devis.";

    public static Dictionary<string, string?> Settings() => new()
    {
        ["OptinForms:BaseUrl"] = "https://example.test",
        ["OptinForms:Mail:From"] = "Atelier Dupont <bonjour@atelier-dupont.example>",
        ["OptinForms:DefaultCulture"] = "fr",
        ["OptinForms:DataProtection:Controller"] = "Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon",
        ["OptinForms:DataProtection:PrivacyNoticeUrl"] = "/confidentialite",
        ["OptinForms:DataProtection:IpAddress"] = "Truncated",
        ["OptinForms:Purposes:newsletter:Marketing"] = "true",
        ["OptinForms:Purposes:newsletter:Retention"] = "1095.00:00:00",
        ["OptinForms:Purposes:newsletter:Texts:fr:Consent"] = ConsentFr,
        ["OptinForms:Purposes:newsletter:Texts:fr:Purpose"] = PurposeFr,
        ["OptinForms:Purposes:newsletter:Texts:en:Consent"] = ConsentEn,
        ["OptinForms:Purposes:newsletter:Texts:en:Purpose"] = PurposeEn,
        ["OptinForms:Purposes:partners:Marketing"] = "true",
        ["OptinForms:Purposes:partners:Retention"] = "365.00:00:00",
        ["OptinForms:Purposes:partners:Texts:fr:Consent"] = "J'accepte que mes coordonnées soient transmises aux partenaires.",
        ["OptinForms:Purposes:partners:Texts:fr:Purpose"] = "Transmission à nos partenaires exposants.",
        ["OptinForms:Forms:newsletter:Title:fr"] = "Restons en contact",
        ["OptinForms:Forms:newsletter:Title:en"] = "Let's stay in touch",
        ["OptinForms:Forms:newsletter:Fields:0:Name"] = "email",
        ["OptinForms:Forms:newsletter:Fields:0:Kind"] = "Email",
        ["OptinForms:Forms:newsletter:Fields:0:Required"] = "true",
        ["OptinForms:Forms:newsletter:Fields:1:Name"] = "firstName",
        ["OptinForms:Forms:newsletter:Fields:1:Kind"] = "Text",
        ["OptinForms:Forms:newsletter:Fields:1:MaxLength"] = "80",
        ["OptinForms:Forms:newsletter:Consents:0"] = "newsletter",
        ["OptinForms:Forms:newsletter:Consents:1"] = "partners",
        ["OptinForms:Forms:newsletter:SuccessPage"] = "/merci",
        ["OptinForms:Forms:contact:Fields:0:Name"] = "email",
        ["OptinForms:Forms:contact:Fields:0:Kind"] = "Email",
        ["OptinForms:Forms:contact:Fields:0:Required"] = "true",
        ["OptinForms:Forms:contact:Fields:1:Name"] = "message",
        ["OptinForms:Forms:contact:Fields:1:Kind"] = "TextArea",
        ["OptinForms:Forms:contact:Fields:1:Required"] = "true",
        ["OptinForms:Forms:contact:Consents:0"] = "newsletter",
        ["OptinForms:Forms:contact:Processing:Purpose:fr"] = QuotePurposeFr,
        ["OptinForms:Forms:contact:Processing:Purpose:en"] = "Answering your contact or quote request.",
        ["OptinForms:Forms:contact:Processing:LegalBasis"] = "Contract",
        ["OptinForms:Forms:contact:Processing:Retention"] = "1095.00:00:00",
        ["OptinForms:Forms:contact:SuccessPage"] = "/merci",
        ["OptinForms:LandingPages:salon:Path"] = "/salon",
        ["OptinForms:LandingPages:salon:Form"] = "newsletter",
        ["OptinForms:LandingPages:salon:Title:fr"] = "Merci de votre visite",
    };

    public static IConfigurationSection Section(IDictionary<string, string?>? settings = null) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings ?? Settings()).Build().GetSection("OptinForms");

    /// <summary>A service provider with the sample configuration, a fake clock and the in-memory store.</summary>
    public static ServiceProvider Services(out FakeClock clock, IDictionary<string, string?>? settings = null,
        Action<OptinFormsBuilder>? configure = null)
    {
        clock = new FakeClock(Now);
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddOptinForms(Section(settings)).UseClock(clock);
        configure?.Invoke(builder);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static SubmissionRequest Post(string formId, params (string Key, string? Value)[] values) =>
        new(formId, values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value)).ToList(),
            new SubmissionContext("fr", "https://example.test/salon", "203.0.113.77", "Mozilla/5.0 (X11; Linux x86_64)"));

    public static string Email(string tag = "jean") => $"{tag}.dupont@exemple.fr";
}
