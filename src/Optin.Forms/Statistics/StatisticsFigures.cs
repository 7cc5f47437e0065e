namespace Optin.Forms.Statistics;

/// <summary>The counts of a period, a form or a day.</summary>
/// <param name="Views">Views of the form (its page, its fragment, its landing pages).</param>
/// <param name="Submissions">Submissions received.</param>
/// <param name="DoubleOptinEmailsSent">Double opt-in emails sent (reminders included).</param>
/// <param name="Confirmations">Opt-ins confirmed.</param>
/// <param name="Withdrawals">Withdrawals.</param>
public sealed record StatisticsFigures(long Views, long Submissions, long DoubleOptinEmailsSent, long Confirmations, long Withdrawals)
{
    /// <summary>No figure.</summary>
    public static readonly StatisticsFigures Zero = new(0, 0, 0, 0, 0);

    /// <summary>Confirmations divided by double opt-in emails sent; <see langword="null"/> when none was sent.</summary>
    public double? ConfirmationRate => DoubleOptinEmailsSent == 0 ? null : (double)Confirmations / DoubleOptinEmailsSent;

    internal StatisticsFigures Add(ActivityKind kind, long count) => kind switch
    {
        ActivityKind.Submission => this with { Submissions = Submissions + count },
        ActivityKind.DoubleOptinEmailSent => this with { DoubleOptinEmailsSent = DoubleOptinEmailsSent + count },
        ActivityKind.Confirmation => this with { Confirmations = Confirmations + count },
        _ => this with { Withdrawals = Withdrawals + count },
    };
}
