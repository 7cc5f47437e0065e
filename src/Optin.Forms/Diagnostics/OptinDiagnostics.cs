using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Optin.Forms.Diagnostics;

/// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> of Optin.Forms, both named <c>Optin.Forms</c>.</summary>
public static class OptinDiagnostics
{
    /// <summary>The name of the activity source and of the meter.</summary>
    public const string Name = "Optin.Forms";

    /// <summary>Traces submissions, jobs and confirmations.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>Counts what the engine does; never tagged with personal data.</summary>
    public static Meter Meter { get; } = new(Name);

    internal static Counter<long> SubmissionsAccepted { get; } = Meter.CreateCounter<long>("optin.submissions.accepted");

    internal static Counter<long> SubmissionsRejected { get; } = Meter.CreateCounter<long>("optin.submissions.rejected");
}
