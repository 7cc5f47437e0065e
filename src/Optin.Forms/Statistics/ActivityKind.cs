namespace Optin.Forms.Statistics;

/// <summary>What the statistics count beside views.</summary>
public enum ActivityKind
{
    /// <summary>A submission received (the submissions the store still holds: swept or erased ones are gone).</summary>
    Submission,

    /// <summary>
    /// A double opt-in email sent: a ledger "email sent" entry written while the purpose awaited confirmation (no other
    /// email may be sent then, DOI-1), reminders included.
    /// </summary>
    DoubleOptinEmailSent,

    /// <summary>A confirmed opt-in (ledger "confirmed" entry).</summary>
    Confirmation,

    /// <summary>A withdrawal (ledger "withdrawn" entry), by any means.</summary>
    Withdrawal,
}
