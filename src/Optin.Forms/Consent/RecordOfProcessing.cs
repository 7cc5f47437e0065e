using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.Schema;

namespace Optin.Forms.Consent;

/// <summary>
/// A record of processing activities (GDPR Art. 30) generated from the configured purposes and forms (ROPA-1), as
/// JSON (versioned schema) and Markdown.
/// </summary>
/// <remarks>
/// It covers what the configuration knows: controller, purposes, legal basis, data collected, retention. Recipients,
/// transfers outside the EEA and security measures are not in the configuration and are left for the controller to
/// complete; the document says so rather than inventing them.
/// </remarks>
public sealed class RecordOfProcessing
{
    /// <summary>The JSON schema version.</summary>
    public const string SchemaVersion = "optin-forms/ropa/1";

    private const string ToComplete = "to be completed by the controller (not in the Optin.Forms configuration)";

    private RecordOfProcessing(Instant generatedAt, ImmutableArray<ProcessingActivity> activities)
    {
        GeneratedAt = generatedAt;
        Activities = activities;
    }

    /// <summary>When the record was generated.</summary>
    public Instant GeneratedAt { get; }

    /// <summary>One activity per purpose, ordered by purpose id.</summary>
    public ImmutableArray<ProcessingActivity> Activities { get; }

    /// <summary>Generates the record from <paramref name="catalog"/>.</summary>
    public static RecordOfProcessing Generate(FormCatalog catalog, Instant generatedAt)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var activities = catalog.Purposes.Values.OrderBy(p => p.Id, StringComparer.Ordinal).Select(purpose =>
        {
            var forms = catalog.Forms.Values.Where(f => f.Consents.Contains(purpose)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
            var data = forms.SelectMany(f => f.Fields).Where(f => f.Kind != FieldKind.Hidden)
                .Select(f => $"{f.Name} ({f.Kind.ToString().ToLowerInvariant()})")
                .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Concat(["proof of consent: date, texts shown, form version, source page, IP address and user agent as configured"]);
            var text = purpose.GetText(catalog.DefaultCulture, catalog.DefaultCulture);
            return new ProcessingActivity(purpose.Id, text.Purpose, text.Consent, "consent, GDPR Art. 6(1)(a)", purpose.Marketing,
                purpose.Controller, purpose.PrivacyNotice, purpose.Retention, [.. forms.Select(f => f.Id)], [.. data]);
        });
        return new RecordOfProcessing(generatedAt, [.. activities]);
    }

    /// <summary>The record as indented JSON.</summary>
    public string ToJson()
    {
        var root = new JsonObject
        {
            ["schema"] = SchemaVersion,
            ["generatedAt"] = InstantPattern.ExtendedIso.Format(GeneratedAt),
            ["activities"] = new JsonArray([.. Activities.Select(a => (JsonNode)new JsonObject
            {
                ["purposeId"] = a.PurposeId,
                ["purpose"] = a.Purpose,
                ["consentText"] = a.ConsentText,
                ["legalBasis"] = a.LegalBasis,
                ["directMarketing"] = a.Marketing,
                ["controller"] = a.Controller,
                ["privacyNotice"] = a.PrivacyNotice,
                ["retentionDays"] = a.Retention is { } r ? r.TotalDays : null,
                ["forms"] = new JsonArray([.. a.Forms.Select(f => (JsonNode)JsonValue.Create(f))]),
                ["dataCategories"] = new JsonArray([.. a.DataCategories.Select(d => (JsonNode)JsonValue.Create(d))]),
                ["dataSubjects"] = a.Marketing ? "prospects and customers who gave consent on a form" : "people who gave consent on a form",
                ["recipients"] = ToComplete,
                ["transfersOutsideEea"] = ToComplete,
                ["securityMeasures"] = ToComplete,
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The record as Markdown, one section per activity.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# Record of processing activities (GDPR Art. 30)\n\nGenerated {InstantPattern.ExtendedIso.Format(GeneratedAt)} from the Optin.Forms configuration.\n");
        foreach (var a in Activities)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {a.PurposeId}\n\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Purpose:** {a.Purpose}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Consent text:** {a.ConsentText}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Legal basis:** {a.LegalBasis}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Direct marketing:** {(a.Marketing ? "yes" : "no")}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Controller:** {a.Controller ?? ToComplete}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Privacy notice:** {a.PrivacyNotice ?? ToComplete}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Retention:** {(a.Retention is { } r ? $"{r.TotalDays:0.##} days after the last active contact" : "not configured")}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Collected by forms:** {(a.Forms.IsEmpty ? "none" : string.Join(", ", a.Forms))}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Personal data:** {string.Join("; ", a.DataCategories)}\n");
            md.Append(CultureInfo.InvariantCulture, $"- **Recipients, transfers, security measures:** {ToComplete}\n");
        }

        return md.ToString();
    }
}
