using System.Text;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Consent;
using Optin.Forms.Dashboard.Infrastructure;

namespace Optin.Forms.Dashboard.Pages.Contacts;

/// <summary>
/// The ledger as a timeline, oldest first: each entry with what happened, the exact consent and purpose texts shown
/// (and their SHA-256 and version, as archived in the entry itself), the proof (form, page, IP address, user agent, email),
/// who made a change by hand, why, and on what legal basis.
/// </summary>
internal static class ContactTimeline
{
    public static void Append(StringBuilder html, DashboardRequest request, IReadOnlyList<ConsentEvent> ledger)
    {
        html.Append("<h2 id=\"ledger\">").Append(Html.Encode(ContactTexts.Ledger.In(request))).Append("</h2>\n");
        if (ledger.Count == 0)
        {
            html.Append("<p>").Append(Html.Encode(ContactTexts.NoLedger.In(request))).Append("</p>\n");
            return;
        }

        html.Append("<ol class=\"dash-timeline\" aria-labelledby=\"ledger\">\n");
        foreach (var e in ledger)
        {
            html.Append("<li><h3 class=\"dash-entry-title\">").Append(ContactFields.Time(e.OccurredAt)).Append(" · ")
                .Append(Html.Encode(ContactTexts.Of(e.Kind, request)));
            if (!string.IsNullOrEmpty(e.PurposeId))
            {
                html.Append(" · ").Append(Html.Encode(e.PurposeId));
            }

            html.Append("</h3>\n<dl class=\"dash-entry\">");
            Item(html, ContactTexts.StateAfter.In(request), ContactTexts.Of(e.State, request));
            Item(html, ContactTexts.Method.In(request), ContactTexts.Of(e.Method, request));
            Item(html, ContactTexts.Actor.In(request), e.Actor);
            Item(html, ContactTexts.Reason.In(request), e.Reason);
            Item(html, ContactTexts.LegalBasis.In(request), e.LegalBasis);
            Item(html, ContactTexts.Form.In(request), e.FormId is null ? null : e.FormId + (e.FormVersion is null ? "" : " (" + ContactTexts.Version.In(request) + " " + e.FormVersion + ")"));
            Item(html, ContactTexts.SourceUrl.In(request), e.SourceUrl);
            Item(html, ContactTexts.Ip.In(request), e.IpAddress);
            Item(html, ContactTexts.UserAgent.In(request), e.UserAgent);
            Item(html, ContactTexts.PreviousAddress.In(request), e.PreviousAddress);
            Item(html, ContactTexts.Email.In(request), EmailProof(e));
            Item(html, ContactTexts.Controller.In(request), e.Controller);
            Item(html, ContactTexts.PrivacyNotice.In(request), e.PrivacyNotice);
            html.Append("</dl>\n");
            Text(html, request, ContactTexts.ConsentText.In(request), e.ConsentText, e.ConsentTextSha256, e.PurposeVersion, e.Culture);
            Text(html, request, ContactTexts.PurposeText.In(request), e.PurposeText, e.PurposeTextSha256, e.PurposeVersion, e.Culture);
            if (e.Hash is not null)
            {
                html.Append("<p class=\"dash-hash\">").Append(Html.Encode(ContactTexts.EntryHash.In(request))).Append(" : <code>").Append(Html.Encode(e.Hash)).Append("</code></p>\n");
            }

            html.Append("</li>\n");
        }

        html.Append("</ol>\n");
    }

    private static string? EmailProof(ConsentEvent e) => e.MessageId is null && e.Address is null && e.TemplateId is null
        ? null
        : string.Join(" · ", new[] { e.Address, e.TemplateId is null ? null : "template " + e.TemplateId, e.MessageId is null ? null : "Message-ID " + e.MessageId }
            .Where(s => s is not null));

    private static void Item(StringBuilder html, string term, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        html.Append("<div><dt>").Append(Html.Encode(term)).Append("</dt><dd>").Append(Html.Encode(value)).Append("</dd></div>");
    }

    /// <summary>A text exactly as shown (in a block quote, its language marked), with its version and SHA-256.</summary>
    private static void Text(StringBuilder html, DashboardRequest request, string label, string? text, string? sha256, string? version, string? culture)
    {
        if (text is null)
        {
            return;
        }

        html.Append("<figure class=\"dash-shown-text\"><figcaption>").Append(Html.Encode(label));
        if (version is not null)
        {
            html.Append(" (").Append(Html.Encode(ContactTexts.Version.In(request))).Append(' ').Append(Html.Encode(version)).Append(')');
        }

        html.Append("</figcaption><blockquote");
        if (!string.IsNullOrEmpty(culture))
        {
            html.Append(" lang=\"").Append(Html.Encode(culture)).Append('"');
        }

        html.Append('>').Append(Html.Encode(text)).Append("</blockquote>");
        if (sha256 is not null)
        {
            html.Append("<p class=\"dash-hash\">SHA-256 : <code>").Append(Html.Encode(sha256)).Append("</code></p>");
        }

        html.Append("</figure>\n");
    }
}
