using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Schema;

/// <summary>A refused configuration reload: when, and every problem found.</summary>
public sealed class RefusedReload
{
    internal RefusedReload(Instant at, ImmutableArray<string> problems)
    {
        At = at;
        Problems = problems;
    }

    /// <summary>When the reload was refused.</summary>
    public Instant At { get; }

    /// <summary>Every problem found, each as <c>path: message</c>.</summary>
    public ImmutableArray<string> Problems { get; }
}
