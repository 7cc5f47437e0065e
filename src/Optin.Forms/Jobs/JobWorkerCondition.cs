namespace Optin.Forms.Jobs;

/// <summary>How the job worker stands against its queue (<see cref="JobWorkerHeartbeat.Assess"/>).</summary>
public enum JobWorkerCondition
{
    /// <summary>No due job has waited longer than the threshold.</summary>
    UpToDate,

    /// <summary>A due job has waited longer than the threshold, but the worker still goes round its loop: it is behind.</summary>
    Behind,

    /// <summary>A due job has waited longer than the threshold and the worker has not gone round its loop for as long.</summary>
    Stalled,
}
