namespace Optin.Forms.Rules;

/// <summary>The events a rule can name in <c>When</c>, and what each carries.</summary>
internal static class RuleEvents
{
    public static IReadOnlyList<string> Names { get; } =
        [nameof(FormSubmitted), nameof(OptinConfirmed), nameof(OptinWithdrawn), nameof(DoubleOptinExpired), nameof(ContactOptinChanged)];

    public static string NameOf(OptinEvent e) => e.GetType().Name;

    public static string? FormOf(OptinEvent e) => e is FormSubmitted s ? s.FormId : null;

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
