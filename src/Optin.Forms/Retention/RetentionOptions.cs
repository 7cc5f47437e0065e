namespace Optin.Forms.Retention;

/// <summary>The retention sweep (<c>OptinForms:Retention</c>, RET-1, RET-2).</summary>
public sealed class RetentionOptions
{
    /// <summary>Whether the hosted sweeper runs. Default <see langword="true"/>: keeping prospects forever is the failure mode.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the hosted sweeper runs. Default 1 day.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>When set, the hosted sweeper only counts and logs what it would erase. Default <see langword="false"/>.</summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// How long a prospect (a <see cref="Contacts.ContactKind.Lead"/>) is kept after the last active contact when none
    /// of its purposes has a retention of its own. Default 1,095 days (3 years, CNIL guidance on prospects).
    /// </summary>
    public TimeSpan DefaultProspectRetention { get; set; } = TimeSpan.FromDays(1095);

    /// <summary>
    /// How long a finished job (sent, failed, cancelled) is kept in the job history after it finished. The history is
    /// what an erasure report reads to name the recipients the data was disclosed to (GDPR Art. 19). Default 1,095 days.
    /// </summary>
    public TimeSpan FinishedJobs { get; set; } = TimeSpan.FromDays(1095);

    /// <summary>
    /// How long the tombstone of an erasure (a ledger entry without personal data) is kept. Default 1,826 days (5 years,
    /// the French limitation period for a claim).
    /// </summary>
    public TimeSpan Tombstones { get; set; } = TimeSpan.FromDays(1826);

    /// <summary>
    /// The intermediate archive (CNIL "archivage intermédiaire"): when enabled, the consent proof of an expired prospect
    /// is kept apart from active data, restricted, for <see cref="ArchivePeriod"/>, instead of being destroyed with the
    /// profile. Default <see langword="false"/>.
    /// </summary>
    public bool Archive { get; set; }

    /// <summary>How long the intermediate archive keeps a consent proof. Default 1,826 days (5 years).</summary>
    public TimeSpan ArchivePeriod { get; set; } = TimeSpan.FromDays(1826);

    /// <summary>How many contacts one store transaction erases. Default 100.</summary>
    public int BatchSize { get; set; } = 100;
}
