using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>
/// A job worker as a host runs it: claims due jobs under a lease, sends each one's mail to the shared mailbox, and
/// completes it. Several of them, on separate hosts, share one database.
/// </summary>
internal sealed class TestWorker(string name, IOptinStore store, RecordingMailbox mailbox, Instant now)
{
    public int Processed { get; private set; }

    /// <summary>Works until <paramref name="finished"/> says so, or the token is cancelled.</summary>
    public async Task RunAsync(Func<bool> finished, CancellationToken cancellationToken)
    {
        while (!finished())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var jobs = await store.Jobs.ClaimDueJobsAsync(name, now, Duration.FromMinutes(5), 20, cancellationToken);
            if (jobs.Count == 0)
            {
                // Polling an empty queue; nothing here depends on time passing.
                await Task.Delay(2, cancellationToken);
                continue;
            }

            foreach (var job in jobs)
            {
                mailbox.Send(job.ContactId!.Value, job.MessageId!);
                if (!await store.Jobs.CompleteJobAsync(job.Id, name, JobStatus.Done, null, now, cancellationToken))
                {
                    throw new InvalidOperationException($"Worker {name} lost the lease of job {job.Id}.");
                }

                Processed++;
            }
        }
    }
}
