using System.Collections.Frozen;

namespace Optin.Forms.Rules;

/// <summary>The events a rule can name in <c>When</c>, and what each carries.</summary>
internal static class RuleEvents
{
    public static IReadOnlyList<string> Names { get; } =
        [nameof(FormSubmitted), nameof(OptinConfirmed), nameof(OptinWithdrawn), nameof(DoubleOptinExpired), nameof(ContactOptinChanged)];

    /// <summary>
    /// What each event carries for conditions to test. The events that follow a submission (its confirmation, its expiry)
    /// carry that submission's form, landing page, attribution (variant, UTM values, referrer host) and posted values; a withdrawal or an operator's change does not come
    /// from a submission, so it carries only its purpose.
    /// </summary>
    private static readonly FrozenDictionary<string, EventData> Carried = new Dictionary<string, EventData>(StringComparer.Ordinal)
    {
        [nameof(FormSubmitted)] = EventData.Form | EventData.LandingPage | EventData.Attribution | EventData.Fields | EventData.Consents | EventData.Culture,
        [nameof(OptinConfirmed)] = EventData.Form | EventData.LandingPage | EventData.Attribution | EventData.Fields | EventData.Purpose | EventData.Culture,
        [nameof(DoubleOptinExpired)] = EventData.Form | EventData.LandingPage | EventData.Attribution | EventData.Fields | EventData.Purpose,
        [nameof(OptinWithdrawn)] = EventData.Purpose,
        [nameof(ContactOptinChanged)] = EventData.Purpose,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>What <paramref name="eventName"/> carries (nothing for an unknown name).</summary>
    public static EventData Carries(string eventName) => Carried.GetValueOrDefault(eventName);

    /// <summary>Whether <paramref name="eventName"/> carries everything in <paramref name="needs"/>.</summary>
    public static bool Carries(string eventName, EventData needs) => (Carries(eventName) & needs) == needs;

    /// <summary>The events that carry everything in <paramref name="needs"/>, in the order of <see cref="Names"/>.</summary>
    public static IEnumerable<string> Carrying(EventData needs) => Names.Where(n => Carries(n, needs));

    public static string NameOf(OptinEvent e) => e.GetType().Name;

    // What a submission's events carry of it (#18): the submission itself, and the confirmation and expiry that follow it.

    public static string? FormOf(OptinEvent e) => e switch
    {
        FormSubmitted s => s.FormId,
        OptinConfirmed c => c.FormId,
        DoubleOptinExpired x => x.FormId,
        _ => null,
    };

    public static Guid? SubmissionOf(OptinEvent e) => e switch
    {
        FormSubmitted s => s.SubmissionId,
        OptinConfirmed c => c.SubmissionId,
        DoubleOptinExpired x => x.SubmissionId,
        _ => null,
    };

    public static string? LandingPageOf(OptinEvent e) => e switch
    {
        FormSubmitted s => s.LandingPage,
        OptinConfirmed c => c.LandingPage,
        DoubleOptinExpired x => x.LandingPage,
        _ => null,
    };

    public static Submissions.SubmissionAttribution? AttributionOf(OptinEvent e) => e switch
    {
        FormSubmitted s => s.Attribution,
        OptinConfirmed c => c.Attribution,
        DoubleOptinExpired x => x.Attribution,
        _ => null,
    };

    public static System.Collections.Immutable.ImmutableDictionary<string, string>? ValuesOf(OptinEvent e) => e switch
    {
        FormSubmitted s => s.Values,
        OptinConfirmed c => c.Values,
        DoubleOptinExpired x => x.Values,
        _ => null,
    };

    public static string? CultureOf(OptinEvent e) => e switch
    {
        FormSubmitted s => s.Culture,
        OptinConfirmed c => c.Culture,
        _ => null,
    };

    public static string? PurposeOf(OptinEvent e) => e switch
    {
        OptinConfirmed c => c.PurposeId,
        OptinWithdrawn w => w.PurposeId,
        DoubleOptinExpired x => x.PurposeId,
        ContactOptinChanged m => m.PurposeId,
        _ => null,
    };
}
