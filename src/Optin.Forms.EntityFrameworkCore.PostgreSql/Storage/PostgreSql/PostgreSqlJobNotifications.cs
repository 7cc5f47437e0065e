using Optin.Forms.EntityFrameworkCore.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage.PostgreSql;

/// <summary>
/// The PostgreSQL channel on which a commit that queued a job due now tells every host's worker to claim at once
/// (<c>LISTEN/NOTIFY</c>). PostgreSQL delivers a notification only when its transaction commits, and never when it
/// rolls back, so a worker is never woken for a job it cannot see yet.
/// </summary>
/// <remarks>
/// The notification carries nothing: it is only a hint, and the claim under a lease stays the one guard against running
/// a job twice. Several notifications of one transaction, or of concurrent ones, are folded by PostgreSQL and by
/// <see cref="Jobs.JobSignal"/>. Hosts on other schemas of the same database hear them too; that costs them one claim.
/// </remarks>
internal static class PostgreSqlJobNotifications
{
    /// <summary>The channel name.</summary>
    public const string Channel = "optin_forms_jobs";

    /// <summary>Queues the notification in the transaction of <paramref name="rows"/>; it is sent at commit.</summary>
    public static ValueTask<int> NotifyAsync(RowCommands rows, CancellationToken cancellationToken) =>
        rows.ExecuteAsync($"SELECT pg_notify('{Channel}', '')", cancellationToken);
}
