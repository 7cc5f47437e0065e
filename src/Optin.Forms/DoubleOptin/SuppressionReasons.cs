namespace Optin.Forms.DoubleOptin;

/// <summary>The reasons kept on suppression entries, and what each one blocks.</summary>
/// <remarks>
/// A reason not listed here (one typed by an operator, or <see cref="NotMe"/>) blocks all mail, the confirmation email
/// included, until the entry expires.
/// </remarks>
internal static class SuppressionReasons
{
    /// <summary>"This was not me" (DOI-9): no mail at all to the address while it lasts.</summary>
    public const string NotMe = "not-me";

    /// <summary>
    /// Erasure (RET-3): no marketing mail to the address until it goes through a new double opt-in, which lifts the
    /// entry; confirmation emails and non-marketing mail still go, so the person can come back.
    /// </summary>
    public const string Erased = "erased";

    /// <summary>
    /// The address is undeliverable: the SMTP server refused it permanently (5xx on RCPT, or on DATA for a message to
    /// that one address), or a delivery status notification reported a permanent failure. No mail goes to it but the
    /// confirmation email of a new double opt-in the person asks for after the mark (a reminder queued before it does not
    /// go): without it nobody could come back (a
    /// mailbox recreated, a typo corrected on the provider's side). A confirmation proves the address works again and
    /// lifts the entry.
    /// </summary>
    public const string Undeliverable = "undeliverable";

    /// <summary>
    /// A complaint (a feedback report, ARF): every marketing purpose was withdrawn; no marketing mail goes until the
    /// person's own new double opt-in lifts the entry. Confirmation emails and non-marketing mail still go.
    /// </summary>
    public const string Complaint = "complaint";

    /// <summary>Whether the entry blocks only marketing mail (and so never a confirmation email).</summary>
    public static bool OnlyMarketing(SuppressionEntry entry) =>
        string.Equals(entry.Reason, Erased, StringComparison.Ordinal) || string.Equals(entry.Reason, Complaint, StringComparison.Ordinal);

    /// <summary>Whether a confirmation email may still go to the address, and a confirmation lifts the entry.</summary>
    public static bool LiftedByDoubleOptin(SuppressionEntry entry) =>
        OnlyMarketing(entry) || string.Equals(entry.Reason, Undeliverable, StringComparison.Ordinal);

    /// <summary>
    /// How much an entry blocks, to decide whether a new entry replaces one in force: an entry is never replaced by one that
    /// blocks less (a complaint never shortens "this was not me" nor lets mail go to an undeliverable address).
    /// </summary>
    public static int Strength(string reason) => reason switch
    {
        Erased or Complaint => 1,
        Undeliverable => 2,
        _ => 3,
    };
}
