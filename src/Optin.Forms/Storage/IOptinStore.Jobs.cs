using Optin.Forms.Jobs;

namespace Optin.Forms.Storage;

/// <content>The worker's side of the job queue.</content>
public partial interface IOptinStore
{
    /// <summary>Claims, completes and retries jobs (enqueueing goes through a transaction).</summary>
    IJobStore Jobs { get; }
}
