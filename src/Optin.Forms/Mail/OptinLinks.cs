namespace Optin.Forms.Mail;

/// <summary>
/// Builds every absolute link the engine writes (confirmation, unsubscribe, preferences) from <c>OptinForms:BaseUrl</c> and
/// <c>OptinForms:PathPrefix</c>: the one place that knows where the engine's pages are.
/// </summary>
internal static class OptinLinks
{
    public const string Confirm = "confirm";
    public const string Unsubscribe = "unsubscribe";
    public const string Preferences = "preferences";

    /// <summary><c>{BaseUrl}{PathPrefix}/{page}/{token}</c>, never from a request's Host header (SEC-7).</summary>
    public static string Page(OptinFormsOptions options, string page, string token)
    {
        ArgumentNullException.ThrowIfNull(options);
        var baseUrl = options.BaseUrl ?? throw new InvalidOperationException("OptinForms:BaseUrl is not configured (SEC-7).");
        return $"{baseUrl.TrimEnd('/')}{Prefix(options.PathPrefix)}/{page}/{token}";
    }

    /// <summary>The prefix as routes use it: a leading slash, no trailing one (<c>/</c> alone gives the empty prefix).</summary>
    public static string Prefix(string? prefix)
    {
        if (string.IsNullOrWhiteSpace(prefix))
        {
            return OptinFormsOptions.DefaultPathPrefix;
        }

        var trimmed = prefix.Trim().Trim('/');
        return trimmed.Length == 0 ? string.Empty : "/" + trimmed;
    }
}
