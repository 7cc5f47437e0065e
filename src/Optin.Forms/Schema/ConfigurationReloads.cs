using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Schema;

/// <summary>
/// Remembers the last configuration reload that was refused (CFG-4: the previous configuration stays in force), with
/// its problems, so that the back office can show why an edit of <c>appsettings.json</c> had no effect.
/// </summary>
internal sealed class ConfigurationReloads(IClock clock)
{
    private volatile RefusedReload? _lastRefused;

    /// <summary>The last refused reload since the host started, or <see langword="null"/>.</summary>
    public RefusedReload? LastRefused => _lastRefused;

    /// <summary>Records a refused reload and its problems (each as <c>path: message</c>).</summary>
    public void Refused(IEnumerable<string> problems) => _lastRefused = new RefusedReload(clock.GetCurrentInstant(), [.. problems]);
}

/// <summary>A refused reload: when, and every problem found.</summary>
internal sealed record RefusedReload(Instant At, ImmutableArray<string> Problems);
