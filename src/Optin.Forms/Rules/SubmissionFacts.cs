using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rules;

/// <summary>What an event that follows a submission carries of it: its form, landing page and values (#18).</summary>
internal static class SubmissionFacts
{
    public static OptinConfirmed On(OptinConfirmed e, SubmissionRecord? submission, FormCatalog catalog) => submission is null ? e : e with
    {
        FormId = submission.FormId,
        SubmissionId = submission.Id,
        LandingPage = submission.Attribution?.LandingPage ?? LandingPageOf(catalog, submission.FormId, submission.SourceUrl),
        Attribution = submission.Attribution,
        Values = submission.Values,
    };

    public static DoubleOptinExpired On(DoubleOptinExpired e, SubmissionRecord? submission, FormCatalog catalog) => submission is null ? e : e with
    {
        FormId = submission.FormId,
        SubmissionId = submission.Id,
        LandingPage = submission.Attribution?.LandingPage ?? LandingPageOf(catalog, submission.FormId, submission.SourceUrl),
        Attribution = submission.Attribution,
        Values = submission.Values,
    };

    /// <summary>The slug of the landing page of <paramref name="formId"/> whose path the page a form was posted from has.</summary>
    public static string? LandingPageOf(FormCatalog catalog, string formId, string? sourceUrl)
    {
        if (sourceUrl is null || catalog.LandingPages.IsEmpty || !Uri.TryCreate(sourceUrl, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        foreach (var page in catalog.LandingPages.Values)
        {
            if (string.Equals(page.Form.Id, formId, StringComparison.OrdinalIgnoreCase)
                && string.Equals(page.Path.TrimEnd('/'), path, StringComparison.OrdinalIgnoreCase))
            {
                return page.Slug;
            }
        }

        return null;
    }
}
