using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <content>Wakes the job worker after a commit that queued a job due now (<see cref="JobSignal"/>).</content>
public sealed partial class InMemoryOptinStore
{
    private readonly JobSignal? _jobSignal;

    /// <summary>Creates an empty store; the job worker finds queued jobs at its next poll.</summary>
    public InMemoryOptinStore()
    {
    }

    /// <summary>Creates an empty store that raises <paramref name="jobSignal"/> after each commit that queued a job due now.</summary>
    public InMemoryOptinStore(JobSignal jobSignal)
    {
        ArgumentNullException.ThrowIfNull(jobSignal);
        _jobSignal = jobSignal;
    }

    private sealed partial class Transaction
    {
        private bool _queuedDueJob;

        private void NoteQueued(JobRecord job) => _queuedDueJob |= JobSignal.IsDueAtOnce(job);

        private void WakeWorker(InMemoryOptinStore owner)
        {
            if (_queuedDueJob)
            {
                owner._jobSignal?.Raise();
            }
        }
    }
}
