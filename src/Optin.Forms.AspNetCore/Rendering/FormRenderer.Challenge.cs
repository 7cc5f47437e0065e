using System.Text;
using Optin.Forms.AspNetCore.Abuse;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>The proof-of-work challenge block.</summary>
internal static partial class FormRenderer
{
    /// <summary>
    /// The challenge in a data attribute, the empty field its solution goes into, a status line the script fills
    /// (read out by screen readers), a plain message when scripts are off, and the local script (no inline script:
    /// the strict Content-Security-Policy holds).
    /// </summary>
    private static void AppendChallenge(StringBuilder html, FormRenderModel model, string id)
    {
        if (model.Challenge is not { } challenge)
        {
            return;
        }

        var culture = model.Culture;
        html.Append("<div class=\"optin-challenge\" data-optin-challenge=\"").Append(Html.Encode(challenge.Json)).Append("\">\n")
            .Append("<input type=\"hidden\" name=\"").Append(ChallengeGuard.FieldName).Append("\" value=\"\">\n")
            .Append("<p class=\"optin-hint\" id=\"").Append(id).Append("-challenge\" role=\"status\" data-working=\"")
            .Append(Html.Encode(WebTexts.Get(culture, "ChallengeWorking"))).Append("\" data-done=\"")
            .Append(Html.Encode(WebTexts.Get(culture, "ChallengeDone"))).Append("\" data-unsupported=\"")
            .Append(Html.Encode(WebTexts.Get(culture, "ChallengeUnsupported"))).Append("\"></p>\n")
            .Append("<noscript><p class=\"optin-error\">").Append(Html.Encode(WebTexts.Get(culture, "ChallengeNoScript"))).Append("</p></noscript>\n")
            .Append("<script src=\"").Append(Html.Encode(challenge.ScriptUrl)).Append("\" defer></script>\n")
            .Append("</div>\n");
    }
}
