namespace Optin.Forms.Retention;

/// <summary>What one retention sweep did, in counts only (RET-2: no address is ever reported).</summary>
/// <param name="DryRun">Whether nothing was changed.</param>
/// <param name="Examined">Prospects looked at (every prospect in the store).</param>
/// <param name="Erased">Prospects erased (in a dry run: that would have been erased).</param>
/// <param name="Kept">Examined prospects kept because something still needs them (a purpose held, a request of their own, a restriction).</param>
public sealed record RetentionReport(bool DryRun, long Examined, long Erased, long Kept)
{
    // RET-4 (issue #15 point 6).

    /// <summary>Consent proofs of erased prospects put in the intermediate archive (<see cref="RetentionOptions.Archive"/>).</summary>
    public long Archived { get; init; }

    /// <summary>Finished jobs deleted after <see cref="RetentionOptions.FinishedJobs"/>.</summary>
    public long FinishedJobsDeleted { get; init; }

    /// <summary>Erasure tombstones deleted after <see cref="RetentionOptions.Tombstones"/>.</summary>
    public long TombstonesDeleted { get; init; }

    /// <summary>Archived proofs deleted once their keep-until passed (<see cref="RetentionOptions.ArchivePeriod"/>).</summary>
    public long ArchivedProofsDeleted { get; init; }
}
