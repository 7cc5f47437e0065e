using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using NodaTime;
using NodaTime.Text;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rights;

/// <summary>
/// The answer to an access request (GDPR Art. 15(1)(a)–(h), DSR-6) as one self-contained HTML page in French or English:
/// every value encoded, inline styles only, no script, no external resource.
/// </summary>
internal static class AccessReportHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = "body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:60em;padding:0 1em;color:#111}"
        + "h1{font-size:1.5em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:1px solid #999}"
        + "table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #999;padding:.35em .5em;text-align:left;"
        + "vertical-align:top}th{background:#eee}dl{display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em}"
        + "dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}code{font-size:.85em;overflow-wrap:anywhere}"
        + "pre{white-space:pre-wrap;font:inherit;margin:0}@media print{body{margin:0}tr{break-inside:avoid}}";

    internal sealed record SentEmailRow(ConsentEvent Entry, string? Body);

    internal sealed record Data
    {
        public required Contact Contact { get; init; }

        public required FormCatalog Catalog { get; init; }

        public required string Culture { get; init; }

        public required Instant GeneratedAt { get; init; }

        public required IReadOnlyList<SubmissionRecord> Submissions { get; init; }

        public required IReadOnlyList<ConsentEvent> Events { get; init; }

        public required IReadOnlyList<Disclosure> Disclosures { get; init; }

        public required IReadOnlyList<SentEmailRow> Emails { get; init; }

        /// <summary>When the retention sweep will erase the person (its own rule); null when it does not apply.</summary>
        public Instant? PlannedErasure { get; init; }

        public required Duration DefaultRetention { get; init; }
    }

    public static string Render(Data d)
    {
        var t = AccessReportTexts.For(d.Culture);
        var lang = t.French ? "fr" : "en";
        var dp = d.Catalog.DataProtection;
        var controller = dp.Controller ?? d.Catalog.Purposes.Values.Select(p => p.Controller).FirstOrDefault(c => c is not null);
        var h = new StringBuilder(16 * 1024);
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(lang).Append("\"><head><meta charset=\"utf-8\">")
            .Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">")
            .Append("<title>").Append(E(t.Title)).Append("</title><style>").Append(Style).Append("</style></head><body>\n")
            .Append("<h1>").Append(E(t.Title)).Append("</h1>\n<p>").Append(E(t.Intro)).Append("</p>\n<dl>");
        Item(h, t.Person, d.Contact.Email);
        Item(h, t.Controller, controller);
        Item(h, t.ControllerContact, dp.ControllerContact);
        Item(h, t.Dpo, dp.Dpo);
        Item(h, t.Generated, Date(d.GeneratedAt, t, withTime: true, d));
        h.Append("</dl>\n");

        Purposes(h, d, t);
        Categories(h, d, t);
        Recipients(h, d, t);
        Retention(h, d, t);
        Rights(h, d, t, controller);
        h.Append("<h2>").Append(E(t.ComplaintHeading)).Append("</h2>\n<p>").Append(E(t.Complaint)).Append("</p>\n<p><strong>")
            .Append(E(dp.SupervisoryAuthority)).Append("</strong></p>\n");
        Sources(h, d, t);
        h.Append("<h2>").Append(E(t.AutomatedHeading)).Append("</h2>\n<p>").Append(E(t.Automated)).Append("</p>\n");
        Emails(h, d, t);
        h.Append("<p><small>").Append(E(t.Footer)).Append("</small></p>\n</body></html>\n");
        return h.ToString();
    }

    // (a) purposes and legal bases
    private static void Purposes(StringBuilder h, Data d, AccessReportTexts t)
    {
        h.Append("<h2>").Append(E(t.PurposesHeading)).Append("</h2>\n");
        var purposes = d.Contact.Optins.Keys.Concat(d.Events.Where(e => e.PurposeId.Length > 0).Select(e => e.PurposeId))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (purposes.Count > 0)
        {
            h.Append("<h3>").Append(E(t.ConsentPurposes)).Append("</h3>\n<table><thead><tr><th>").Append(E(t.Purpose)).Append("</th><th>")
                .Append(E(t.State)).Append("</th><th>").Append(E(t.TextAgreed)).Append("</th><th>").Append(E(t.LegalBasis))
                .Append("</th></tr></thead><tbody>\n");
            foreach (var id in purposes)
            {
                var definition = d.Catalog.FindPurpose(id);
                var given = d.Events.LastOrDefault(e => e.PurposeId == id && e.ConsentText is not null);
                var text = definition?.GetText(d.Culture, d.Catalog.DefaultCulture);
                var optin = d.Contact.Optins.GetValueOrDefault(id);
                h.Append("<tr><td>").Append(E(given?.PurposeText ?? text?.Purpose ?? id)).Append("</td><td>")
                    .Append(E(t.StateWord(optin?.State ?? OptinState.None)));
                if (optin is not null)
                {
                    h.Append(' ').Append(E(string.Format(CultureInfo.InvariantCulture, t.Since, Date(optin.ChangedAt, t, withTime: false, d))));
                }

                h.Append("</td><td>").Append(E(given?.ConsentText ?? text?.Consent)).Append("</td><td>").Append(E(t.Basis(LegalBasis.Consent)))
                    .Append("</td></tr>\n");
            }

            h.Append("</tbody></table>\n");
        }

        var forms = d.Submissions.Select(s => s.FormId).Distinct(StringComparer.Ordinal).ToList();
        if (forms.Count > 0)
        {
            h.Append("<h3>").Append(E(t.FormProcessings)).Append("</h3>\n<table><thead><tr><th>").Append(E(t.Form)).Append("</th><th>")
                .Append(E(t.Purpose)).Append("</th><th>").Append(E(t.LegalBasis)).Append("</th></tr></thead><tbody>\n");
            foreach (var formId in forms)
            {
                var form = d.Catalog.FindForm(formId);
                var processing = form?.Processing;
                h.Append("<tr><td>").Append(E(FormName(d, formId))).Append("</td><td>")
                    .Append(E(processing?.Purpose.Get(d.Culture, d.Catalog.DefaultCulture) ?? t.NotDeclared)).Append("</td><td>");
                if (processing is not null)
                {
                    h.Append(E(t.Basis(processing.LegalBasis)));
                    if (processing.LegitimateInterest.Get(d.Culture, d.Catalog.DefaultCulture) is { } interest)
                    {
                        h.Append("<br>").Append(E(t.Interest)).Append(' ').Append(E(interest));
                    }
                }
                else
                {
                    h.Append(E(t.NotDeclared));
                }

                h.Append("</td></tr>\n");
            }

            h.Append("</tbody></table>\n");
        }
    }

    // (b) categories of data
    private static void Categories(StringBuilder h, Data d, AccessReportTexts t)
    {
        h.Append("<h2>").Append(E(t.CategoriesHeading)).Append("</h2>\n<table><thead><tr><th>").Append(E(t.Category)).Append("</th><th>")
            .Append(E(t.Value)).Append("</th></tr></thead><tbody>\n");
        Row(h, t.EmailAddress, d.Contact.Email);
        foreach (var (name, value) in d.Contact.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Row(h, FieldLabel(d, name), value);
        }

        if (d.Contact.Tags.Count > 0)
        {
            Row(h, t.Tags, string.Join(", ", d.Contact.Tags));
        }

        if (d.Submissions.Count > 0)
        {
            Row(h, t.Messages, string.Format(CultureInfo.InvariantCulture, t.MessagesCount, d.Submissions.Count));
        }

        Row(h, t.Proof, t.ProofText);
        Row(h, t.EmailsCategory, string.Format(CultureInfo.InvariantCulture, t.EmailsCount, d.Emails.Count));
        h.Append("</tbody></table>\n");
        if (d.Submissions.Count == 0)
        {
            return;
        }

        h.Append("<h3>").Append(E(t.SubmittedHeading)).Append("</h3>\n<table><thead><tr><th>").Append(E(t.When)).Append("</th><th>")
            .Append(E(t.Form)).Append("</th><th>").Append(E(t.Value)).Append("</th></tr></thead><tbody>\n");
        foreach (var s in d.Submissions)
        {
            h.Append("<tr><td>").Append(E(Date(s.ReceivedAt, t, withTime: true, d))).Append("</td><td>").Append(E(FormName(d, s.FormId)))
                .Append("</td><td><dl>");
            foreach (var (name, value) in s.Values.OrderBy(v => v.Key, StringComparer.Ordinal))
            {
                // Several values (a checkbox group, a multi-select) are stored one per line, and shown so.
                h.Append("<dt>").Append(E(FieldLabel(d, name))).Append("</dt><dd>").AppendJoin("<br>", value.Split('\n').Select(E))
                    .Append("</dd>");
            }

            h.Append("</dl></td></tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    // (c) recipients
    private static void Recipients(StringBuilder h, Data d, AccessReportTexts t)
    {
        h.Append("<h2>").Append(E(t.RecipientsHeading)).Append("</h2>\n<p>").Append(E(t.RecipientsIntro)).Append("</p>\n<ul>");
        foreach (var formId in d.Submissions.Select(s => s.FormId).Distinct(StringComparer.Ordinal))
        {
            if (d.Catalog.FindForm(formId)?.Processing?.Recipients.Get(d.Culture, d.Catalog.DefaultCulture) is { } declared)
            {
                h.Append("<li>").Append(E(FormName(d, formId))).Append(t.Colon).Append(E(declared)).Append("</li>");
            }
        }

        h.Append("</ul>\n<h3>").Append(E(t.DisclosedHeading)).Append("</h3>\n");
        if (d.Disclosures.Count == 0)
        {
            h.Append("<p>").Append(E(t.NoDisclosure)).Append("</p>\n");
            return;
        }

        h.Append("<table><thead><tr><th>").Append(E(t.Recipient)).Append("</th><th>").Append(E(t.How)).Append("</th><th>").Append(E(t.When))
            .Append("</th></tr></thead><tbody>\n");
        foreach (var disclosure in d.Disclosures)
        {
            var when = disclosure.Count == 1
                ? Date(disclosure.FirstAt, t, withTime: true, d)
                : string.Format(CultureInfo.InvariantCulture, t.Between, disclosure.Count, Date(disclosure.FirstAt, t, withTime: true, d),
                    Date(disclosure.LastAt, t, withTime: true, d));
            h.Append("<tr><td>").Append(E(disclosure.Recipient)).Append("</td><td>").Append(E(t.ActionWord(disclosure.Action))).Append("</td><td>")
                .Append(E(when)).Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    // (d) retention and the planned erasure date
    private static void Retention(StringBuilder h, Data d, AccessReportTexts t)
    {
        h.Append("<h2>").Append(E(t.RetentionHeading)).Append("</h2>\n<ul>");
        foreach (var id in d.Contact.Optins.Keys.Order(StringComparer.Ordinal))
        {
            if (d.Catalog.FindPurpose(id) is { } purpose)
            {
                var name = purpose.GetText(d.Culture, d.Catalog.DefaultCulture).Purpose;
                h.Append("<li>").Append(E(string.Format(CultureInfo.InvariantCulture, t.PurposeRetention, name,
                    Days(purpose.Retention ?? d.DefaultRetention)))).Append("</li>");
            }
        }

        foreach (var formId in d.Submissions.Select(s => s.FormId).Distinct(StringComparer.Ordinal))
        {
            if (d.Catalog.FindForm(formId)?.Processing?.Retention is { } retention)
            {
                h.Append("<li>").Append(E(string.Format(CultureInfo.InvariantCulture, t.FormRetention, FormName(d, formId), Days(retention))))
                    .Append("</li>");
            }
        }

        h.Append("</ul>\n<p><strong>");
        if (d.PlannedErasure is { } planned)
        {
            h.Append(E(string.Format(CultureInfo.InvariantCulture, t.PlannedErasure, Date(planned, t, withTime: false, d),
                Date(d.Contact.LastActivityAt, t, withTime: false, d))));
        }
        else
        {
            h.Append(E(d.Contact.ProcessingRestricted ? t.KeptWhileRestricted : t.KeptAsCustomer));
        }

        h.Append("</strong></p>\n");
    }

    // (e) the rights and how to exercise them
    private static void Rights(StringBuilder h, Data d, AccessReportTexts t, string? controller)
    {
        var dp = d.Catalog.DataProtection;
        h.Append("<h2>").Append(E(t.RightsHeading)).Append("</h2>\n<ul>");
        foreach (var right in t.RightsList)
        {
            h.Append("<li>").Append(E(right)).Append("</li>");
        }

        h.Append("</ul>\n<p>").Append(E(t.HowToExercise)).Append("</p>\n<dl>");
        Item(h, t.Controller, dp.ControllerContact ?? controller);
        Item(h, t.Dpo, dp.Dpo);
        h.Append("</dl>\n");
    }

    // (g) the source of the data
    private static void Sources(StringBuilder h, Data d, AccessReportTexts t)
    {
        h.Append("<h2>").Append(E(t.SourceHeading)).Append("</h2>\n<table><thead><tr><th>").Append(E(t.When)).Append("</th><th>")
            .Append(E(t.Source)).Append("</th></tr></thead><tbody>\n");
        foreach (var s in d.Submissions)
        {
            var page = (s.SourceUrl is null ? string.Empty : string.Format(CultureInfo.InvariantCulture, t.OnPage, s.SourceUrl))
                + (s.Attribution is { } a ? " (" + a.Describe() + ")" : string.Empty);
            Row(h, Date(s.ReceivedAt, t, withTime: true, d), string.Format(CultureInfo.InvariantCulture, t.FromForm, FormName(d, s.FormId)) + page);
        }

        foreach (var e in d.Events.Where(e => e.Method is ConsentMethod.Import or ConsentMethod.Manual or ConsentMethod.Bulk
            && e.Kind is ConsentEventKind.SetManually or ConsentEventKind.SetInBulk or ConsentEventKind.EmailChanged))
        {
            Row(h, Date(e.OccurredAt, t, withTime: true, d), t.MethodWord(e.Method));
        }

        if (d.Contact.Fields.GetValueOrDefault(Import.ContactImportService.SourceField) is { } imported)
        {
            Row(h, Date(d.Contact.CreatedAt, t, withTime: true, d), t.MethodWord(ConsentMethod.Import) + t.Colon + imported);
        }
        else if (d.Submissions.Count == 0 && !d.Events.Any(e => e.Method is ConsentMethod.Manual or ConsentMethod.Bulk))
        {
            Row(h, Date(d.Contact.CreatedAt, t, withTime: true, d), t.MethodWord(ConsentMethod.Manual));
        }

        h.Append("</tbody></table>\n");
    }

    // The emails sent to the person, as the ledger records them; their content when it is kept.
    private static void Emails(StringBuilder h, Data d, AccessReportTexts t)
    {
        h.Append("<h2>").Append(E(t.EmailsHeading)).Append("</h2>\n");
        if (d.Emails.Count == 0)
        {
            h.Append("<p>").Append(E(t.NoEmail)).Append("</p>\n");
            return;
        }

        h.Append("<table><thead><tr><th>").Append(E(t.When)).Append("</th><th>").Append(E(t.Template)).Append("</th><th>Message-ID</th><th>")
            .Append(E(t.Content)).Append("</th></tr></thead><tbody>\n");
        foreach (var (entry, body) in d.Emails)
        {
            h.Append("<tr><td>").Append(E(Date(entry.OccurredAt, t, withTime: true, d))).Append("</td><td>").Append(E(entry.TemplateId));
            if (entry.TemplateSha256 is { } sha)
            {
                h.Append("<br><code>SHA-256 ").Append(E(sha)).Append("</code>");
            }

            h.Append("</td><td><code>").Append(E(entry.MessageId)).Append("</code></td><td>")
                .Append(body is null ? E(t.ContentNotKept) : "<pre>" + E(body) + "</pre>").Append("</td></tr>\n");
        }

        h.Append("</tbody></table>\n");
    }

    private static string FormName(Data d, string formId) =>
        d.Catalog.FindForm(formId)?.Title.Get(d.Culture, d.Catalog.DefaultCulture) is { Length: > 0 } title ? title : formId;

    private static string FieldLabel(Data d, string name) =>
        d.Catalog.Forms.Values.Select(f => f.FindField(name)?.Label.Get(d.Culture, d.Catalog.DefaultCulture)).FirstOrDefault(l => l is not null)
            ?? name;

    private static string Days(Duration duration) => ((long)duration.TotalDays).ToString(CultureInfo.InvariantCulture);

    /// <summary>In the controller's time zone (<c>DataProtection:TimeZone</c>, as on the evidence page), a time with its UTC offset.</summary>
    private static string Date(Instant instant, AccessReportTexts t, bool withTime, Data d)
    {
        var local = instant.InZone(d.Catalog.DataProtection.TimeZone);
        return (withTime ? t.DateTimePattern : t.DatePattern).Format(local.LocalDateTime)
            + (withTime ? " (UTC" + OffsetPattern.CreateWithInvariantCulture("+HH:mm").Format(local.Offset) + ")" : string.Empty);
    }

    private static void Item(StringBuilder h, string label, string? value)
    {
        if (value is not null)
        {
            h.Append("<dt>").Append(E(label)).Append("</dt><dd>").Append(E(value)).Append("</dd>");
        }
    }

    private static void Row(StringBuilder h, string label, string? value) =>
        h.Append("<tr><td>").Append(E(label)).Append("</td><td>").Append(E(value)).Append("</td></tr>\n");

    private static string E(string? value) => value is null ? string.Empty : Encoder.Encode(value);
}
