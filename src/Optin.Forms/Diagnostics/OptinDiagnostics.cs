using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Optin.Forms.Diagnostics;

/// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> of Optin.Forms, both named <c>Optin.Forms</c>.</summary>
/// <remarks>
/// Subscribe with OpenTelemetry's <c>AddSource("Optin.Forms")</c> and <c>AddMeter("Optin.Forms")</c>. The instruments, their
/// units and tags are listed in docs/metrics.md. A host's engine creates its meter from the <see cref="IMeterFactory"/>
/// the host registers (the generic host and ASP.NET Core do), so that it ends with the host; <see cref="Meter"/> serves
/// code that runs without one.
/// </remarks>
public static class OptinDiagnostics
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Optin.Forms";

    // Declared first: static initialisers run in text order, and the source and the meter below read it.
    internal static string? Version { get; } = typeof(OptinDiagnostics).Assembly.GetName().Version?.ToString();

    /// <summary>Traces submissions and jobs; a job's activity links to the activity that queued it.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name, Version);

    /// <summary>The meter of code that runs without an <see cref="IMeterFactory"/>; never tagged with personal data.</summary>
    public static Meter Meter { get; } = new(Name, Version);
}
