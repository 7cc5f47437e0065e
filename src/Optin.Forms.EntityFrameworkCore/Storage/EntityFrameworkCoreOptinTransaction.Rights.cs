using Microsoft.EntityFrameworkCore;
using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Jobs;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// Completing a job inside the transaction (a conditional update on the lease, committed with the "email sent" ledger
/// entry, DOI-10) and listing a contact's tokens (DSR-1, DSR-2).
/// </content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    public async ValueTask<bool> CompleteJobAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at,
        CancellationToken cancellationToken)
    {
        if (status is not (JobStatus.Done or JobStatus.Skipped or JobStatus.DeadLettered))
        {
            throw new ArgumentException($"{status} is not a final status for a running job.", nameof(status));
        }

        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        ThrowIfDone();
        var finished = at.ToUnixTimeMilliseconds();
        var updated = await Db.Set<JobEntity>()
            .Where(j => j.Id == jobId && j.Status == (int)JobStatus.Running && j.LeaseOwner == leaseOwner)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, (int)status)
                .SetProperty(j => j.LastError, j => reason ?? j.LastError)
                .SetProperty(j => j.FinishedAt, finished)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseExpiresAt, (long?)null), cancellationToken);
        return updated == 1;
    }

    public async ValueTask<IReadOnlyList<TokenRecord>> ListTokensAsync(Guid contactId, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        var rows = await Db.Set<TokenEntity>().AsNoTracking().Where(t => t.ContactId == contactId)
            .OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(JobMapper.ToToken)];
    }
}
