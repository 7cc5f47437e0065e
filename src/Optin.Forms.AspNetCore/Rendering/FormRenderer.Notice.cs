using System.Text;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Rendering;

/// <content>The Art. 13 notice of the form's own processing, beside its fields and apart from the consent boxes (PROC-1).</content>
internal static partial class FormRenderer
{
    private static void AppendProcessingNotice(StringBuilder html, FormRenderModel model, string id)
    {
        if (ProcessingNotice.For(model.Catalog, model.Form, model.Culture) is not { } notice)
        {
            return;
        }

        var sectionId = id + "-processing";
        html.Append("<section class=\"optin-processing\" id=\"").Append(sectionId).Append("\" aria-labelledby=\"").Append(sectionId)
            .Append("-title\">\n<h3 class=\"optin-processing-title\" id=\"").Append(sectionId).Append("-title\">")
            .Append(Html.Encode(notice.Heading)).Append("</h3>\n<dl>\n");
        foreach (var item in notice.Items)
        {
            html.Append("<div class=\"optin-processing-").Append(Slug(item.Key)).Append("\"><dt>").Append(Html.Encode(item.Label))
                .Append("</dt><dd>").Append(Html.Encode(item.Text)).Append("</dd></div>\n");
        }

        html.Append("</dl>\n");
        if (!string.IsNullOrEmpty(notice.PrivacyNoticeUrl))
        {
            html.Append("<p><a class=\"optin-privacy\" href=\"").Append(Html.Encode(SafeHref(notice.PrivacyNoticeUrl))).Append("\">")
                .Append(Html.Encode(notice.PrivacyNoticeLabel)).Append("</a></p>\n");
        }

        html.Append("</section>\n");
    }
}
