using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <content>Completing a job inside a transaction (DOI-10) and listing a contact's tokens (DSR-1, DSR-2).</content>
public sealed partial class InMemoryOptinStore
{
    private sealed partial class Transaction
    {
        ValueTask<bool> IJobWriter.CompleteAsync(Guid jobId, string leaseOwner, JobStatus status, string? reason, Instant at,
            CancellationToken cancellationToken)
        {
            if (status is not (JobStatus.Done or JobStatus.Skipped or JobStatus.DeadLettered))
            {
                throw new ArgumentException($"{status} is not a final status for a running job.", nameof(status));
            }

            ArgumentException.ThrowIfNullOrEmpty(leaseOwner);
            ThrowIfDone();
            if (!_working.Jobs.TryGetValue(jobId, out var job) || job.Status != JobStatus.Running || job.LeaseOwner != leaseOwner)
            {
                return ValueTask.FromResult(false);
            }

            var done = job with { Status = status, LastError = reason ?? job.LastError, FinishedAt = at, LeaseOwner = null, LeaseExpiresAt = null };
            _working.Jobs.Set(jobId, done);
            return ValueTask.FromResult(true);
        }

        ValueTask<IReadOnlyList<TokenRecord>> ITokenWriter.ListAsync(Guid contactId, CancellationToken cancellationToken)
        {
            ThrowIfDone();
            IReadOnlyList<TokenRecord> tokens = [.. _working.Tokens.Values().Where(t => t.ContactId == contactId).OrderBy(t => t.CreatedAt)];
            return ValueTask.FromResult(tokens);
        }
    }
}
