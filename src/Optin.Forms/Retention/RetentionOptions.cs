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

    /// <summary>How many contacts one store transaction erases. Default 100.</summary>
    public int BatchSize { get; set; } = 100;
}
