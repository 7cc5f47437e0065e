using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Optin.Forms.Schema;

namespace Optin.Forms.Consent;

/// <summary>
/// The canonical serialization of a form definition for the content archive (EVD-1): compact JSON, properties in a
/// fixed order, cultures sorted ordinally, no insignificant white space; so one definition always gives the same bytes
/// and the same SHA-256 (<see cref="ConsentEvent.FormSha256"/>).
/// </summary>
internal static class FormCanonical
{
    private static readonly ConditionalWeakTable<FormDefinition, ArchivedContentTemplate> Cache = [];

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The canonical JSON and its SHA-256, computed once per compiled definition.</summary>
    public static (string Json, string Sha256) Of(FormDefinition form)
    {
        var c = Cache.GetValue(form, static f =>
        {
            var json = Serialize(f);
            return new(json, Hashing.Sha256Hex(json));
        });
        return (c.Json, c.Sha256);
    }

    public static string Serialize(FormDefinition form)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("schema", "optin.form/1");
            w.WriteString("id", form.Id);
            w.WriteString("version", form.Version);
            Localized(w, "title", form.Title);
            w.WriteStartArray("fields");
            foreach (var f in form.Fields)
            {
                w.WriteStartObject();
                w.WriteString("name", f.Name);
                w.WriteString("kind", f.Kind.ToString());
                w.WriteBoolean("required", f.Required);
                w.WriteNumber("maxLength", f.MaxLength);
                w.WriteString("pattern", f.Pattern?.ToString());
                w.WriteString("value", f.Value);
                Localized(w, "label", f.Label);
                w.WriteStartArray("choices");
                foreach (var c in f.Choices)
                {
                    w.WriteStartObject();
                    w.WriteString("value", c.Value);
                    Localized(w, "label", c.Label);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                // Written only when set, so that the archived definition of an older form keeps its hash.
                if (f.Min is not null || f.Max is not null)
                {
                    w.WriteString("min", f.Min);
                    w.WriteString("max", f.Max);
                }

                if (f.IsMultiValued)
                {
                    w.WriteNumber("maxChoices", f.MaxChoices);
                }

                if (f.DefaultRegion is not null)
                {
                    w.WriteString("defaultRegion", f.DefaultRegion);
                }

                if (f.ShowWhen is { } when)
                {
                    w.WriteStartObject("showWhen");
                    w.WriteString("field", when.Field);
                    w.WriteStartArray("values");
                    foreach (var value in when.Values)
                    {
                        w.WriteStringValue(value);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("consents");
            foreach (var p in form.Consents)
            {
                w.WriteStartObject();
                w.WriteString("purpose", p.Id);
                w.WriteString("field", p.FieldName);
                w.WriteBoolean("marketing", p.Marketing);
                w.WriteString("controller", p.Controller);
                w.WriteString("privacyNotice", p.PrivacyNotice);
                w.WriteStartObject("texts");
                foreach (var t in p.Texts.Values.OrderBy(t => t.Culture, StringComparer.Ordinal))
                {
                    w.WriteStartObject(t.Culture);
                    w.WriteString("consent", t.Consent);
                    w.WriteString("purpose", t.Purpose);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteBoolean("doubleOptin", form.DoubleOptin);
            w.WriteString("contactKind", form.ContactKind.ToString());
            w.WriteString("successPage", form.SuccessPage);
            if (form.Processing is { } processing)
            {
                w.WriteStartObject("processing");
                w.WriteString("legalBasis", processing.LegalBasis.ToString());
                Localized(w, "purpose", processing.Purpose);
                Localized(w, "legitimateInterest", processing.LegitimateInterest);
                Localized(w, "recipients", processing.Recipients);
                Localized(w, "dataSubjects", processing.DataSubjects);
                if (processing.Retention is { } retention)
                {
                    w.WriteNumber("retentionSeconds", (long)retention.TotalSeconds);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Localized(Utf8JsonWriter w, string name, LocalizedText text)
    {
        w.WriteStartObject(name);
        foreach (var culture in text.Cultures.Order(StringComparer.Ordinal))
        {
            w.WriteString(culture, text.Get(culture));
        }

        w.WriteEndObject();
    }

    private sealed record ArchivedContentTemplate(string Json, string Sha256);
}
