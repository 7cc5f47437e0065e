using System.Text.Encodings.Web;
using System.Text.Unicode;
using NodaTime;
using Optin.Forms.Consent;

namespace Optin.Forms.Rights;

/// <summary>
/// The printable evidence page: one self-contained HTML document in the controller's language (EVD-1), a
/// plain-language account first and the technical annex after, every value encoded (no script, no external resource).
/// </summary>
internal static class EvidenceHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}h1{font-size:1.4em}"
        + "table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:.35em .5em;text-align:left;"
        + "vertical-align:top}th{background:#eee}dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em}"
        + "dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}code{font-size:.9em}ol.account li{margin:.4em 0}"
        + "pre{white-space:pre-wrap;overflow-wrap:anywhere;margin:0;font-size:.85em}"
        + "@media print{body{margin:0}tr,li{break-inside:avoid}}";

    public static async ValueTask WriteAsync(EvidenceDocument evidence, EvidenceTexts t, DateTimeZone zone, string? controller, TextWriter w,
        CancellationToken cancellationToken)
    {
        await w.WriteAsync($"<!DOCTYPE html>\n<html lang=\"{t.Language}\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            + $"<title>{E(t["title"])} {E(evidence.ContactId.ToString())}</title><style>{Style}</style></head><body>\n");
        await w.WriteAsync($"<h1>{E(t["title"])}</h1>\n<p>{E(t["intro"])}</p>\n<dl>"
            + (controller is null ? string.Empty : $"<dt>{E(t["controller"])}</dt><dd>{E(controller)}</dd>")
            + $"<dt>{E(t["email"])}</dt><dd>{E(evidence.Email)}</dd>"
            + $"<dt>{E(t["created"])}</dt><dd>{E(t.When(evidence.CreatedAt, zone))}</dd>"
            + $"<dt>{E(t["restricted"])}</dt><dd>{E(evidence.ProcessingRestricted ? t["yes"] : t["no"])}</dd>"
            + $"<dt>{E(t["contact"])}</dt><dd><code>{E(evidence.ContactId.ToString())}</code></dd>"
            + $"<dt>{E(t["generated"])}</dt><dd>{E(t.When(evidence.GeneratedAt, zone))}</dd>"
            + $"<dt>{E(t["zone"])}</dt><dd>{E(zone.Id)}</dd></dl>\n");

        await w.WriteAsync($"<h2>{E(t["account"])}</h2>\n<ol class=\"account\">\n");
        foreach (var e in evidence.Events)
        {
            foreach (var sentence in EvidenceNarrative.Sentences(e, t, zone))
            {
                await w.WriteAsync($"<li>{E(sentence)}</li>\n");
            }
        }

        await w.WriteAsync($"</ol>\n<h2>{E(t["annex"])}</h2>\n");
        await WriteSubmissionsAsync(evidence, t, zone, w);
        await w.WriteAsync($"<h3>{E(t["ledger"])}</h3>\n<table><thead><tr><th>#</th><th>{E(t["th.when"])}</th><th>{E(t["th.what"])}</th>"
            + $"<th>{E(t["th.purpose"])}</th><th>{E(t["th.state"])}</th><th>{E(t["th.how"])}</th><th>{E(t["th.details"])}</th></tr></thead><tbody>\n");
        foreach (var e in evidence.Events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteEventAsync(w, e, t, zone);
        }

        await w.WriteAsync("</tbody></table>\n");
        await WriteContentsAsync(evidence, t, w, cancellationToken);
        await w.WriteAsync($"<p>{E(t["footnote"])} <code>{E(EvidenceDocument.SchemaId)}</code></p>\n</body></html>\n");
    }

    private static async ValueTask WriteSubmissionsAsync(EvidenceDocument evidence, EvidenceTexts t, DateTimeZone zone, TextWriter w)
    {
        await w.WriteAsync($"<h3>{E(t["submissions"])}</h3>\n<table><thead><tr><th>{E(t["th.received"])}</th><th>{E(t["th.form"])}</th>"
            + $"<th>{E(t["th.consents"])}</th><th>{E(t["th.page"])}</th><th>{E(t["th.ip"])}</th><th>{E(t["th.ua"])}</th></tr></thead><tbody>\n");
        foreach (var s in evidence.Submissions)
        {
            var consents = s.ConsentsGiven.IsDefault ? string.Empty : string.Join(", ", s.ConsentsGiven);
            await w.WriteAsync($"<tr><td>{E(t.When(s.ReceivedAt, zone))}</td><td>{E(s.FormId)} ({E(t["version"])} {E(s.FormVersion)})<br>"
                + $"<code>{E(s.Id.ToString())}</code></td><td>{E(consents)}</td><td>{E(s.SourceUrl)}{(s.Attribution is { } a ? "<br>" + E(a.Describe()) : "")}</td><td>{E(s.IpAddress)}</td>"
                + $"<td>{E(s.UserAgent)}</td></tr>\n");
        }

        await w.WriteAsync("</tbody></table>\n");
    }

    private static async ValueTask WriteEventAsync(TextWriter w, ConsentEvent e, EvidenceTexts t, DateTimeZone zone)
    {
        await w.WriteAsync($"<tr><td>{e.Sequence}</td><td>{E(t.When(e.OccurredAt, zone))}<br><code>{E(RightsJson.Format(e.OccurredAt))}</code></td>"
            + $"<td>{E(t.Kind(e.Kind))}</td><td>{E(e.PurposeId)}</td><td>{E(t.State(e.State))}</td><td>{E(t.Method(e.Method))}</td><td><dl>");
        foreach (var (label, value) in EvidenceService.Details(e, t))
        {
            await w.WriteAsync($"<dt>{E(label)}</dt><dd>{E(value)}</dd>");
        }

        await w.WriteAsync("</dl></td></tr>\n");
    }

    private static async ValueTask WriteContentsAsync(EvidenceDocument evidence, EvidenceTexts t, TextWriter w, CancellationToken cancellationToken)
    {
        await w.WriteAsync($"<h3>{E(t["contents"])}</h3>\n");
        if (evidence.Contents.Count == 0)
        {
            await w.WriteAsync($"<p>{E(t["none"])}</p>\n");
            return;
        }

        await w.WriteAsync($"<table><thead><tr><th>{E(t["th.sha"])}</th><th>{E(t["th.kind"])}</th><th>{E(t["th.content"])}</th></tr></thead><tbody>\n");
        foreach (var c in evidence.Contents)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var kind = t.Find("content." + c.Kind) ?? c.Kind;
            await w.WriteAsync($"<tr><td><code>{E(c.Sha256)}</code>{E(c.Verifies() ? t["matches"] : t["mismatch"])}</td>"
                + $"<td>{E(kind)}<br><code>{E(c.MediaType)}</code></td><td><pre>{E(c.Content)}</pre></td></tr>\n");
        }

        await w.WriteAsync("</tbody></table>\n");
    }

    private static string E(string? value) => value is null ? string.Empty : Encoder.Encode(value);
}
