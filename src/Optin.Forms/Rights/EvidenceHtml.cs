using System.Text.Encodings.Web;
using System.Text.Unicode;
using Optin.Forms.Consent;

namespace Optin.Forms.Rights;

/// <summary>The printable evidence page: one self-contained HTML document, every value encoded (no script, no external resource).</summary>
internal static class EvidenceHtml
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style = "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#111}h1{font-size:1.4em}"
        + "table{border-collapse:collapse;width:100%;margin:1em 0}th,td{border:1px solid #999;padding:.35em .5em;text-align:left;"
        + "vertical-align:top}th{background:#eee}dl{margin:0;display:grid;grid-template-columns:max-content 1fr;gap:.1em .8em}"
        + "dt{font-weight:600}dd{margin:0;overflow-wrap:anywhere}code{font-size:.9em}"
        + "@media print{body{margin:0}tr{break-inside:avoid}}";

    public static async ValueTask WriteAsync(EvidenceDocument evidence, TextWriter w, CancellationToken cancellationToken)
    {
        await w.WriteAsync("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
            + $"<title>Consent evidence {E(evidence.ContactId.ToString())}</title><style>{Style}</style></head><body>\n");
        await w.WriteAsync($"<h1>Consent evidence</h1>\n<p>Schema <code>{E(EvidenceDocument.SchemaId)}</code>, generated "
            + $"{E(RightsJson.Format(evidence.GeneratedAt))}.</p>\n<dl>"
            + $"<dt>Contact</dt><dd><code>{E(evidence.ContactId.ToString())}</code></dd>"
            + $"<dt>Email</dt><dd>{E(evidence.Email)}</dd>"
            + $"<dt>Created</dt><dd>{E(RightsJson.Format(evidence.CreatedAt))}</dd>"
            + $"<dt>Processing restricted</dt><dd>{(evidence.ProcessingRestricted ? "yes" : "no")}</dd></dl>\n");

        await w.WriteAsync("<h2>Submissions</h2>\n<table><thead><tr><th>Received</th><th>Form</th><th>Consents ticked</th>"
            + "<th>Page</th><th>IP address</th><th>User agent</th></tr></thead><tbody>\n");
        foreach (var s in evidence.Submissions)
        {
            var consents = s.ConsentsGiven.IsDefault ? string.Empty : string.Join(", ", s.ConsentsGiven);
            await w.WriteAsync($"<tr><td>{E(RightsJson.Format(s.ReceivedAt))}</td><td>{E(s.FormId)} (version {E(s.FormVersion)})<br>"
                + $"<code>{E(s.Id.ToString())}</code></td><td>{E(consents)}</td><td>{E(s.SourceUrl)}</td><td>{E(s.IpAddress)}</td>"
                + $"<td>{E(s.UserAgent)}</td></tr>\n");
        }

        await w.WriteAsync("</tbody></table>\n<h2>Ledger</h2>\n<table><thead><tr><th>#</th><th>When (UTC)</th><th>What</th>"
            + "<th>Purpose</th><th>State after</th><th>How</th><th>Details</th></tr></thead><tbody>\n");
        foreach (var e in evidence.Events)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await WriteEventAsync(w, e);
        }

        await w.WriteAsync("</tbody></table>\n<p>Texts are stored exactly as shown; each hash is the lower-case hex SHA-256 of the "
            + "text in UTF-8 and was checked again when this page was made.</p>\n</body></html>\n");
    }

    private static async ValueTask WriteEventAsync(TextWriter w, ConsentEvent e)
    {
        await w.WriteAsync($"<tr><td>{e.Sequence}</td><td>{E(RightsJson.Format(e.OccurredAt))}</td><td>{E(e.Kind.ToString())}</td>"
            + $"<td>{E(e.PurposeId)}</td><td>{E(e.State.ToString())}</td><td>{E(e.Method.ToString())}</td><td><dl>");
        foreach (var (label, value) in EvidenceService.Details(e))
        {
            await w.WriteAsync($"<dt>{E(label)}</dt><dd>{E(value)}</dd>");
        }

        await w.WriteAsync("</dl></td></tr>\n");
    }

    private static string E(string? value) => value is null ? string.Empty : Encoder.Encode(value);
}
