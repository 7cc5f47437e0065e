namespace Optin.Forms.AspNetCore.Http;

/// <summary>Decides whether a redirect target is safe: a local path, or an absolute https URL on an allow-listed host (SEC-2).</summary>
internal static class RedirectGuard
{
    /// <summary>Whether <paramref name="target"/> is a local path such as <c>/merci</c> (not <c>//evil</c>, <c>/\evil</c>).</summary>
    public static bool IsLocal(string? target)
    {
        if (string.IsNullOrEmpty(target) || target[0] != '/')
        {
            return false;
        }

        if (target.Length > 1 && target[1] is '/' or '\\')
        {
            return false;
        }

        foreach (var c in target)
        {
            if (char.IsControl(c) || c == '\\')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns <paramref name="target"/> when it is safe, otherwise <paramref name="fallback"/>.</summary>
    public static string Choose(string? target, string fallback, IReadOnlyCollection<string> allowedHosts)
    {
        if (IsLocal(target))
        {
            return target!;
        }

        if (target is not null && allowedHosts.Count > 0
            && !target.Any(char.IsControl)
            && Uri.TryCreate(target, UriKind.Absolute, out var uri)
            && uri.Scheme == Uri.UriSchemeHttps
            && target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrEmpty(uri.UserInfo)
            && allowedHosts.Contains(uri.IdnHost, StringComparer.OrdinalIgnoreCase))
        {
            return uri.AbsoluteUri;
        }

        return fallback;
    }
}
