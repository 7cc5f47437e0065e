using Microsoft.EntityFrameworkCore;
using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// Completing a job inside the transaction (a conditional update on the lease, committed with the "email sent" ledger
/// entry, DOI-10) and listing a contact's tokens (DSR-1, DSR-2).
/// </content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    async ValueTask<bool> IJobWriter.CompleteAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at,
        CancellationToken cancellationToken)
    {
        if (status is not (JobStatus.Done or JobStatus.Skipped or JobStatus.DeadLettered))
        {
            throw new ArgumentException($"{status} is not a final status for a running job.", nameof(status));
        }

        ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
        ThrowIfDone();
        return await RecordRows.CompleteJobAsync(Rows, jobId, leaseOwner, status, reason, at.ToUnixTimeMilliseconds(), cancellationToken);
    }

    async ValueTask<IReadOnlyList<TokenRecord>> ITokenWriter.ListAsync(Guid contactId, CancellationToken cancellationToken)
    {
        ThrowIfDone();
        var rows = await Db.Set<TokenEntity>().AsNoTracking().Where(t => t.ContactId == contactId)
            .OrderBy(t => t.CreatedAt).ToListAsync(cancellationToken);
        return [.. rows.Select(JobMapper.ToToken)];
    }
}
