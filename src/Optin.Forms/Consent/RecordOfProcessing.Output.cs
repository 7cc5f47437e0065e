using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NodaTime.Text;
using W = Optin.Forms.Schema.DataProtectionWords;

namespace Optin.Forms.Consent;

/// <content>The JSON and Markdown forms of the record.</content>
public sealed partial class RecordOfProcessing
{
    /// <summary>The record as indented JSON (schema <see cref="SchemaVersion"/>).</summary>
    public string ToJson()
    {
        static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)JsonValue.Create(v))]);
        var root = new JsonObject
        {
            ["schema"] = SchemaVersion,
            ["generatedAt"] = InstantPattern.ExtendedIso.Format(GeneratedAt),
            ["culture"] = Culture,
            ["controller"] = new JsonObject
            {
                ["name"] = Controller,
                ["contact"] = ControllerContact,
                ["dpo"] = Dpo,
                ["supervisoryAuthority"] = SupervisoryAuthority,
            },
            ["activities"] = new JsonArray([.. Activities.Select(a => (JsonNode)new JsonObject
            {
                ["kind"] = a.Kind == ProcessingActivityKind.ConsentPurpose ? "consentPurpose" : "formProcessing",
                ["purposeId"] = a.PurposeId,
                ["formId"] = a.Kind == ProcessingActivityKind.FormProcessing ? a.Id : null,
                ["purpose"] = a.Purpose,
                ["consentText"] = a.ConsentText,
                ["legalBasis"] = a.LegalBasis.ToString(),
                ["legalBasisText"] = a.LegalBasisText,
                ["directMarketing"] = a.Marketing,
                ["controller"] = a.Controller,
                ["controllerContact"] = a.ControllerContact,
                ["dpo"] = a.Dpo,
                ["privacyNotice"] = a.PrivacyNotice,
                ["dataSubjects"] = a.DataSubjects,
                ["dataCategories"] = Strings(a.DataCategories),
                ["forms"] = Strings(a.Forms),
                ["recipients"] = Strings(a.Recipients),
                ["transfersOutsideEu"] = a.Transfers,
                ["retentionDays"] = a.Retention is { } r ? r.TotalDays : null,
                ["retention"] = a.RetentionText,
                ["securityMeasures"] = a.SecurityMeasures,
            })]),
            ["recordsKept"] = new JsonArray([.. KeptRecords.Select(k => (JsonNode)new JsonObject
            {
                ["id"] = k.Id,
                ["name"] = k.Name,
                ["content"] = k.Content,
                ["retentionDays"] = k.Retention is { } r ? r.TotalDays : null,
                ["retention"] = k.RetentionText,
            })]),
        };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>The record as Markdown: the controller, one section per activity, then the records the library keeps.</summary>
    public string ToMarkdown()
    {
        var c = Culture;
        var colon = c == "fr" ? " :" : ":";
        var md = new StringBuilder();
        void Item(string key, string? value) =>
            md.Append(CultureInfo.InvariantCulture, $"- **{W.Get(c, key)}{colon}** {(string.IsNullOrWhiteSpace(value) ? W.Get(c, "R.NotSet") : value)}\n");
        string List(IEnumerable<string> values) => values.Any() ? string.Join("; ", values) : W.Get(c, "R.None");

        md.Append(CultureInfo.InvariantCulture, $"# {W.Get(c, "R.Title")}\n\n{W.Format(c, "R.Generated", InstantPattern.ExtendedIso.Format(GeneratedAt))}\n");
        md.Append(CultureInfo.InvariantCulture, $"\n## {W.Get(c, "R.ControllerSection")}\n\n");
        Item("R.Controller", Controller);
        Item("R.ControllerContact", ControllerContact);
        Item("R.Dpo", Dpo);
        Item("R.SupervisoryAuthority", SupervisoryAuthority);
        foreach (var a in Activities)
        {
            var kind = W.Get(c, a.Kind == ProcessingActivityKind.ConsentPurpose ? "R.ConsentPurpose" : "R.FormProcessing");
            md.Append(CultureInfo.InvariantCulture, $"\n## {a.Id} ({kind})\n\n");
            Item("R.Purpose", a.Purpose);
            if (a.ConsentText is not null)
            {
                Item("R.ConsentText", a.ConsentText);
            }

            Item("R.LegalBasis", a.LegalBasisText);
            Item("R.Marketing", W.Get(c, a.Marketing ? "R.Yes" : "R.No"));
            Item("R.Controller", a.Controller);
            Item("R.ControllerContact", a.ControllerContact);
            Item("R.Dpo", a.Dpo);
            Item("R.DataSubjects", a.DataSubjects);
            Item("R.DataCategories", List(a.DataCategories));
            Item("R.Forms", List(a.Forms));
            Item("R.Recipients", List(a.Recipients));
            Item("R.Transfers", a.Transfers);
            Item("R.Retention", a.RetentionText);
            Item("R.Security", a.SecurityMeasures);
            Item("R.PrivacyNotice", a.PrivacyNotice);
        }

        md.Append(CultureInfo.InvariantCulture, $"\n## {W.Get(c, "R.KeptSection")}\n\n");
        foreach (var k in KeptRecords)
        {
            md.Append(CultureInfo.InvariantCulture, $"- **{k.Name}{colon}** {k.Content}. {W.Get(c, "R.Retention")}{colon} {k.RetentionText}.\n");
        }

        return md.ToString();
    }
}
