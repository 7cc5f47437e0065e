using System.Collections.ObjectModel;

namespace Optin.Forms.Jobs;

/// <summary>What an action gets when its job runs: the job, its arguments and the data of the event that caused it.</summary>
public sealed class JobContext
{
    internal JobContext(JobRecord job, JobPayload payload)
    {
        Job = job;
        Args = new ReadOnlyDictionary<string, string?>(payload.Args);
        EventType = payload.EventType;
        FormId = payload.FormId;
        SubmissionId = payload.SubmissionId;
        Culture = payload.Culture;
        PurposeId = payload.PurposeId;
    }

    /// <summary>The job (its Message-ID, attempt count, contact).</summary>
    public JobRecord Job { get; }

    /// <summary>The action's raw arguments.</summary>
    public IReadOnlyDictionary<string, string?> Args { get; }

    /// <summary>The name of the event that caused the job.</summary>
    public string? EventType { get; }

    /// <summary>The form of that event, when there is one.</summary>
    public string? FormId { get; }

    /// <summary>The submission of that event, when there is one.</summary>
    public Guid? SubmissionId { get; }

    /// <summary>The culture to use end to end.</summary>
    public string? Culture { get; }

    /// <summary>The purpose of that event, when there is one.</summary>
    public string? PurposeId { get; }
}
