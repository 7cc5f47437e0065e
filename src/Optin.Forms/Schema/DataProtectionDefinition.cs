namespace Optin.Forms.Schema;

/// <summary>The compiled <see cref="DataProtectionOptions"/>: who the controller is, how to reach them and their DPO.</summary>
public sealed class DataProtectionDefinition
{
    internal DataProtectionDefinition(DataProtectionOptions options)
    {
        Controller = Blank(options.Controller);
        ControllerContact = Blank(options.ControllerContact);
        Dpo = Blank(options.Dpo);
        PrivacyNoticeUrl = Blank(options.PrivacyNoticeUrl);
        SupervisoryAuthority = Blank(options.SupervisoryAuthority) ?? DataProtectionOptions.DefaultSupervisoryAuthority;
        SecurityMeasures = LocalizedText.From(options.SecurityMeasures);
        Transfers = LocalizedText.From(options.Transfers);
        TimeZone = FindZone(options.TimeZone) ?? NodaTime.DateTimeZone.Utc;
    }

    /// <summary>The data controller.</summary>
    public string? Controller { get; }

    /// <summary>How to reach the controller.</summary>
    public string? ControllerContact { get; }

    /// <summary>The data protection officer and their contact details.</summary>
    public string? Dpo { get; }

    /// <summary>The privacy notice.</summary>
    public string? PrivacyNoticeUrl { get; }

    /// <summary>The supervisory authority a person may complain to.</summary>
    public string SupervisoryAuthority { get; }

    /// <summary>The security measures text; empty when not set.</summary>
    public LocalizedText SecurityMeasures { get; }

    /// <summary>Transfers to third countries; empty means none declared.</summary>
    public LocalizedText Transfers { get; }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The time zone evidence pages show times in (<see cref="DataProtectionOptions.TimeZone"/>); UTC by default.</summary>
    public NodaTime.DateTimeZone TimeZone { get; } = NodaTime.DateTimeZone.Utc;

    /// <summary>The zone with this IANA id, UTC when blank, or <see langword="null"/> when the id is unknown.</summary>
    internal static NodaTime.DateTimeZone? FindZone(string? id) =>
        string.IsNullOrWhiteSpace(id) ? NodaTime.DateTimeZone.Utc : NodaTime.DateTimeZoneProviders.Tzdb.GetZoneOrNull(id.Trim());
}
