namespace Optin.Forms.Jobs;

/// <summary>
/// Tells a mail failure from other failures by the reason <see cref="JobRunner"/> records (see <see cref="IJobQueueAdmin"/>).
/// The EF Core store matches the same prefixes in SQL.
/// </summary>
internal static class MailFailures
{
    public const string Transient = nameof(Mail.MailDeliveryException);
    public const string Permanent = "Permanent delivery failure";
    public const string GaveUpPrefix = "Gave up after ";
    public const string GaveUpMail = " attempts: " + nameof(Mail.MailDeliveryException);

    public static bool IsMailFailure(JobRecord job) =>
        job.Status is JobStatus.Pending or JobStatus.DeadLettered && job.LastError is { } error
        && (error.StartsWith(Transient, StringComparison.Ordinal) || error.StartsWith(Permanent, StringComparison.Ordinal)
            || (error.StartsWith(GaveUpPrefix, StringComparison.Ordinal) && error.Contains(GaveUpMail, StringComparison.Ordinal)));
}
