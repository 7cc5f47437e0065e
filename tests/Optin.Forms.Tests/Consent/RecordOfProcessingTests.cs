using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Consent;

public sealed class RecordOfProcessingTests
{
    private static RecordOfProcessing Generate()
    {
        using var services = Some.Services(out _);
        return RecordOfProcessing.Generate(services.GetRequiredService<IFormCatalogProvider>().Current, Some.Now);
    }

    /// <summary>The test settings, with the sales notification, a CRM webhook, SMTP and the controller's details.</summary>
    private static RecordOfProcessing GenerateWithRules(string? culture = null, params (string Key, string? Value)[] changes)
    {
        var settings = StartupValidationTests.With([
            ("OptinForms:DataProtection:ControllerContact", "Atelier Dupont SARL, contact@atelier-dupont.example"),
            ("OptinForms:DataProtection:Dpo", "Claire Martin, dpo@atelier-dupont.example"),
            ("OptinForms:DataProtection:SecurityMeasures:fr", "Accès réservé au personnel habilité ; TLS."),
            ("OptinForms:DataProtection:SecurityMeasures:en", "Access restricted to authorised staff; TLS."),
            ("OptinForms:Forms:contact:Fields:2:Name", "company"),
            ("OptinForms:Forms:contact:Fields:2:Kind", "Text"),
            ("OptinForms:Forms:contact:Processing:Recipients:fr", "Le service commercial d'Atelier Dupont."),
            ("OptinForms:Forms:contact:Processing:DataSubjects:fr", "Prospects qui demandent un devis"),
            ("OptinForms:Rules:0:Name", "notify-sales"),
            ("OptinForms:Rules:0:When", "FormSubmitted"),
            ("OptinForms:Rules:0:Forms:0", "contact"),
            ("OptinForms:Rules:0:Then:0:Action", "SendEmail"),
            ("OptinForms:Rules:0:Then:0:Args:Template", "owner-notification"),
            ("OptinForms:Rules:0:Then:0:Args:To", "ventes@atelier-dupont.example"),
            ("OptinForms:Rules:0:Then:1:Action", "Webhook"),
            ("OptinForms:Rules:0:Then:1:Args:Url", "https://crm.example.net/hooks/optin"),
            ("OptinForms:Rules:0:Then:1:Args:Secret", "s3cret"),
            ("OptinForms:Rules:1:Name", "welcome"),
            ("OptinForms:Rules:1:When", "OptinConfirmed"),
            ("OptinForms:Rules:1:If:Purpose", "newsletter"),
            ("OptinForms:Rules:1:Then:0:Action", "SendEmail"),
            ("OptinForms:Rules:1:Then:0:Args:Template", "welcome"),
            ("OptinForms:Mail:Sender", "Smtp"),
            ("OptinForms:Mail:Smtp:Host", "smtp.relay.example"),
            .. changes]);
        return RecordOfProcessing.Generate(FormCatalogCompiler.Compile(StartupValidationTests.Read(settings)), Some.Now, culture);
    }

    [Fact]
    [Trait("Requirement", "ROPA-1")]
    [Trait("Requirement", "ROPA-2")]
    public void Generate_FromConfiguredPurposesAndForms_ListsOneActivityPerPurposeAndPerFormProcessing()
    {
        var record = Generate();

        Assert.Equal([("newsletter", ProcessingActivityKind.ConsentPurpose), ("partners", ProcessingActivityKind.ConsentPurpose),
            ("contact", ProcessingActivityKind.FormProcessing)], record.Activities.Select(a => (a.Id, a.Kind)));
        var newsletter = record.Activities[0];
        Assert.Equal(Some.PurposeFr, newsletter.Purpose);
        Assert.Equal(Some.ConsentFr, newsletter.ConsentText);
        Assert.Equal(LegalBasis.Consent, newsletter.LegalBasis);
        Assert.True(newsletter.Marketing);
        Assert.Equal("Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon", newsletter.Controller);
        Assert.Equal(Duration.FromDays(1095), newsletter.Retention);
        Assert.Equal(["contact", "newsletter"], newsletter.Forms.ToArray());
        Assert.Contains("email (email)", newsletter.DataCategories);
        Assert.Contains("firstName (text)", newsletter.DataCategories);
        Assert.Equal(["newsletter"], record.Activities[1].Forms.ToArray());
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public void Generate_FormWithItsOwnProcessing_FilesItsFieldsThereNotUnderTheNewsletter()
    {
        var record = GenerateWithRules();

        var newsletter = record.Activities.Single(a => a.Id == "newsletter");
        Assert.DoesNotContain("message (textarea)", newsletter.DataCategories);
        Assert.DoesNotContain("company (text)", newsletter.DataCategories);
        var quote = record.Activities.Single(a => a.Kind == ProcessingActivityKind.FormProcessing);
        Assert.Equal("contact", quote.Id);
        Assert.Equal(Some.QuotePurposeFr, quote.Purpose);
        Assert.Equal(LegalBasis.Contract, quote.LegalBasis);
        Assert.Equal("Exécution d'un contrat ou de mesures précontractuelles prises à la demande de la personne (RGPD, art. 6.1.b)", quote.LegalBasisText);
        Assert.Equal(["company (text)", "email (email)", "message (textarea)"], quote.DataCategories.Take(3));
        Assert.Equal("Prospects qui demandent un devis", quote.DataSubjects);
        Assert.Equal("3 ans à compter de l'envoi du formulaire", quote.RetentionText);
        Assert.Equal(Duration.FromDays(1095), quote.Retention);
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public void Generate_Recipients_AreDerivedFromRulesWebhooksAndTheMailTransport()
    {
        var record = GenerateWithRules();

        var quote = record.Activities.Single(a => a.Id == "contact");
        Assert.Equal(
        [
            "Le service commercial d'Atelier Dupont.",
            "e-mail à ventes@atelier-dupont.example (règle « notify-sales »)",
            "webhook vers crm.example.net (règle « notify-sales »)",
            "serveur SMTP smtp.relay.example (sous-traitant qui achemine les e-mails)",
        ], quote.Recipients.ToArray());
        var newsletter = record.Activities.Single(a => a.Id == "newsletter");
        Assert.Equal(["serveur SMTP smtp.relay.example (sous-traitant qui achemine les e-mails)"], newsletter.Recipients.ToArray());
        Assert.DoesNotContain(newsletter.Recipients, r => r.Contains("ventes@", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public void Generate_EveryActivity_CarriesTheControllerContactDpoTransfersAndSecurityMeasures()
    {
        var record = GenerateWithRules();

        Assert.Equal("Claire Martin, dpo@atelier-dupont.example", record.Dpo);
        Assert.Equal("Atelier Dupont SARL, contact@atelier-dupont.example", record.ControllerContact);
        Assert.All(record.Activities, a =>
        {
            Assert.Equal("Atelier Dupont SARL, 12 rue des Lilas, 69003 Lyon", a.Controller);
            Assert.Equal("Atelier Dupont SARL, contact@atelier-dupont.example", a.ControllerContact);
            Assert.Equal("Claire Martin, dpo@atelier-dupont.example", a.Dpo);
            Assert.Equal("Aucun transfert hors de l'Union européenne déclaré.", a.Transfers);
            Assert.Equal("Accès réservé au personnel habilité ; TLS.", a.SecurityMeasures);
        });
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public void Generate_RecordsTheLibraryKeeps_ListedWithTheirRetention()
    {
        var record = GenerateWithRules("en",
            ("OptinForms:Retention:Tombstones", "1826.00:00:00"),
            ("OptinForms:Retention:FinishedJobs", "365.00:00:00"),
            ("OptinForms:DoubleOptin:SuppressAfterErasure", "730.00:00:00"));

        Assert.Equal(["consentProof", "unconfirmed", "suppression", "tombstones", "jobs"], record.KeptRecords.Select(k => k.Id));
        Assert.Equal("5 years after the erasure", record.KeptRecords.Single(k => k.Id == "tombstones").RetentionText);
        Assert.Equal("1 year after the job finished", record.KeptRecords.Single(k => k.Id == "jobs").RetentionText);
        Assert.Equal(Duration.FromDays(730), record.KeptRecords.Single(k => k.Id == "suppression").Retention);
        Assert.StartsWith("2 years after an erasure", record.KeptRecords.Single(k => k.Id == "suppression").RetentionText, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public void ToJson_HasTheVersionedSchemaAndEveryArticle30Item()
    {
        var json = GenerateWithRules().ToJson();

        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        Assert.Equal("optin-forms/ropa/2", root.GetProperty("schema").GetString());
        Assert.Equal(RecordOfProcessing.SchemaVersion, root.GetProperty("schema").GetString());
        Assert.Equal("2026-11-12T09:30:15.123Z", root.GetProperty("generatedAt").GetString());
        Assert.Equal("Claire Martin, dpo@atelier-dupont.example", root.GetProperty("controller").GetProperty("dpo").GetString());
        var first = root.GetProperty("activities")[0];
        Assert.Equal("newsletter", first.GetProperty("purposeId").GetString());
        Assert.Equal(1095, first.GetProperty("retentionDays").GetDouble());
        var quote = root.GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("kind").GetString() == "formProcessing");
        Assert.Equal("contact", quote.GetProperty("formId").GetString());
        Assert.Equal("Contract", quote.GetProperty("legalBasis").GetString());
        Assert.Contains("webhook vers crm.example.net (règle « notify-sales »)",
            quote.GetProperty("recipients").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(5, root.GetProperty("recordsKept").GetArrayLength());
        Assert.Contains("enregistrées", json, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public void ToMarkdown_DefaultCultureFrench_HasFrenchHeadingsAndASectionPerActivity()
    {
        var markdown = GenerateWithRules().ToMarkdown();

        Assert.StartsWith("# Registre des activités de traitement (RGPD, art. 30)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## Responsable du traitement\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Délégué à la protection des données :** Claire Martin, dpo@atelier-dupont.example\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## newsletter (finalité fondée sur le consentement)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## contact (traitement des données du formulaire)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Durée de conservation :** 3 ans après le dernier contact actif\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Destinataires :** Le service commercial d'Atelier Dupont.; e-mail à ventes@atelier-dupont.example (règle « notify-sales »)", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## Autres données conservées par Optin.Forms\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Traces d'effacement :**", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Record of processing", markdown, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public void ToMarkdown_English_HasEnglishHeadings()
    {
        var markdown = GenerateWithRules("en").ToMarkdown();

        Assert.StartsWith("# Record of processing activities (GDPR Art. 30)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## contact (processing of the form's data)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Recipients:** Le service commercial d'Atelier Dupont.; email to ventes@atelier-dupont.example (rule 'notify-sales')", markdown, StringComparison.Ordinal);
        Assert.Contains("- **Retention:** 3 years after the form was sent\n", markdown, StringComparison.Ordinal);
        Assert.Contains("\n## Other records Optin.Forms keeps\n", markdown, StringComparison.Ordinal);
    }
}
