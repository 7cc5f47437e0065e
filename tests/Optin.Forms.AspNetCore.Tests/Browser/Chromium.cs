namespace Optin.Forms.AspNetCore.Tests.Browser;

/// <summary>
/// Where the browser tests find Chromium: <c>OPTIN_TEST_CHROMIUM</c>, else <c>chromium</c>, <c>chromium-browser</c>,
/// <c>google-chrome</c> on <c>PATH</c>, else <c>/usr/bin/chromium</c> (Debian's package, which
/// <c>.ci/services/chromium.sh</c> installs).
/// </summary>
internal static class Chromium
{
    public const string Variable = "OPTIN_TEST_CHROMIUM";

    public const string DefaultPath = "/usr/bin/chromium";

    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    /// <summary>The executable, or <see langword="null"/> when there is none.</summary>
    public static string? Path { get; } = Find(
        Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable("PATH"), File.Exists);

    /// <summary>In CI (<c>CI=true</c>) a missing browser fails the tests instead of skipping them.</summary>
    public static bool Required { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the browser tests are skipped, or <see langword="null"/> when they run.</summary>
    public static string? SkipReason => SkipReasonFor(Path, Required);

    internal static string? SkipReasonFor(string? path, bool required) => path is null && !required
        ? $"Browser tests need Chromium: set {Variable} to its executable, put chromium, chromium-browser or google-chrome on PATH, "
          + $"or install it at {DefaultPath} (apt-get install chromium; .ci/services/chromium.sh)."
        : null;

    /// <summary>
    /// The search itself: a variable that is set wins even when its file is missing (the fixture then fails saying
    /// so, rather than silently testing another browser).
    /// </summary>
    internal static string? Find(string? variable, string? searchPath, Func<string, bool> exists)
    {
        if (!string.IsNullOrWhiteSpace(variable))
        {
            return variable;
        }

        foreach (var folder in (searchPath ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in Names)
            {
                var candidate = System.IO.Path.Combine(folder, name);
                if (exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return exists(DefaultPath) ? DefaultPath : null;
    }
}
