namespace Optin.Forms.DoubleOptin;

/// <summary>The reasons kept on suppression entries, and what each one blocks.</summary>
internal static class SuppressionReasons
{
    /// <summary>"This was not me" (DOI-9): no mail at all to the address while it lasts.</summary>
    public const string NotMe = "not-me";

    /// <summary>
    /// Erasure (RET-3): no marketing mail to the address until it goes through a new double opt-in, which lifts the
    /// entry; confirmation emails and non-marketing mail still go, so the person can come back.
    /// </summary>
    public const string Erased = "erased";

    /// <summary>Whether the entry blocks only marketing mail (and so never a confirmation email).</summary>
    public static bool OnlyMarketing(SuppressionEntry entry) => string.Equals(entry.Reason, Erased, StringComparison.Ordinal);
}
