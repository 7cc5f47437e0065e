using NodaTime;

namespace Optin.Forms.Schema;

/// <summary>
/// Remembers the last configuration reload that was refused (CFG-4: the previous configuration stays in force), with
/// its problems, so that the back office and a health check can show why an edit of <c>appsettings.json</c> had no effect.
/// </summary>
/// <remarks>Resolve it from the container; the engine records every reload in it.</remarks>
public sealed class ConfigurationReloads
{
    private readonly IClock _clock;
    private readonly Lock _gate = new();
    private RefusedReload? _lastRefused;
    private Instant? _lastAccepted;
    private bool _outstanding;

    internal ConfigurationReloads(IClock clock) => _clock = clock;

    /// <summary>The last refused reload since the host started, or <see langword="null"/>.</summary>
    public RefusedReload? LastRefused
    {
        get
        {
            lock (_gate)
            {
                return _lastRefused;
            }
        }
    }

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

    /// <summary>
    /// The last refused reload when no reload was accepted after it, that is while the configuration in force is older
    /// than the one on disk; <see langword="null"/> otherwise.
    /// </summary>
    public RefusedReload? Outstanding
    {
        get
        {
            lock (_gate)
            {
                return _outstanding ? _lastRefused : null;
            }
        }
    }

    /// <summary>Records an accepted reload.</summary>
    internal void Accepted()
    {
        lock (_gate)
        {
            _lastAccepted = _clock.GetCurrentInstant();
            _outstanding = false;
        }
    }

    /// <summary>Records a refused reload and its problems (each as <c>path: message</c>).</summary>
    internal void Refused(IEnumerable<string> problems)
    {
        var refused = new RefusedReload(_clock.GetCurrentInstant(), [.. problems]);
        lock (_gate)
        {
            _lastRefused = refused;
            _outstanding = true;
        }
    }
}
