namespace Optin.Forms.Rules;

/// <summary>The events a rule can name in <c>When</c>, and what each carries.</summary>
internal static class RuleEvents
{
    public static IReadOnlyList<string> Names { get; } =
        [nameof(FormSubmitted), nameof(OptinConfirmed), nameof(OptinWithdrawn), nameof(DoubleOptinExpired), nameof(ContactOptinChanged)];

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
