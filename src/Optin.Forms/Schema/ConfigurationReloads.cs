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
    private readonly Lock _gate = new();
    private Instant? _lastAccepted;

    /// <summary>The last refused reload since the host started, or <see langword="null"/>.</summary>
    public RefusedReload? LastRefused => _lastRefused;

    /// <summary>When a reload was last accepted, or <see langword="null"/> (a later one than the refusal means it no longer matters).</summary>
    public Instant? LastAccepted
    {
        get
        {
            lock (_gate)
            {
                return _lastAccepted;
            }
        }
    }

    /// <summary>Records an accepted reload.</summary>
    public void Accepted()
    {
        lock (_gate)
        {
            _lastAccepted = clock.GetCurrentInstant();
        }
    }

    /// <summary>Records a refused reload and its problems (each as <c>path: message</c>).</summary>
    public void Refused(IEnumerable<string> problems) => _lastRefused = new RefusedReload(clock.GetCurrentInstant(), [.. problems]);
}

/// <summary>A refused reload: when, and every problem found.</summary>
internal sealed record RefusedReload(Instant At, ImmutableArray<string> Problems);
