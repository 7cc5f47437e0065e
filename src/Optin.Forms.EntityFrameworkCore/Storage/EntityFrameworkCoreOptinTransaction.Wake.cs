using Optin.Forms.Jobs;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>
/// Wakes job workers after a commit that queued a job due now: this host's through <see cref="JobSignal"/>, and on
/// PostgreSQL every host's through a <c>NOTIFY</c> sent in the transaction, which PostgreSQL delivers only at commit
/// (<see cref="OptinStorageProvider.QueueJobWakeUpAsync"/>).
/// </content>
internal sealed partial class EntityFrameworkCoreOptinTransaction
{
    private bool _queuedDueJob;

    /// <summary>The local worker's wake-up, raised after a commit that queued a job due now; null to wake nobody.</summary>
    internal JobSignal? JobSignal { get; set; }

    private async ValueTask NoteQueuedAsync(JobRecord job, CancellationToken cancellationToken)
    {
        if (_queuedDueJob || !JobSignal.IsDueAtOnce(job))
        {
            return;
        }

        _queuedDueJob = true;
        await Provider.QueueJobWakeUpAsync(Rows, cancellationToken);
    }

    private void PublishJobs()
    {
        if (_queuedDueJob)
        {
            JobSignal?.Raise();
        }
    }
}
