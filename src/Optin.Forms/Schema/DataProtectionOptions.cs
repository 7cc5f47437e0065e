namespace Optin.Forms.Schema;

/// <summary>Controller identity, privacy notice and personal-data capture settings (<c>OptinForms:DataProtection</c>).</summary>
public sealed class DataProtectionOptions
{
    /// <summary>The data controller named in every consent event (GDPR Art. 13(1)(a)); purposes may override it.</summary>
    public string? Controller { get; set; }

    /// <summary>Link or reference to the privacy notice shown beside every consent; purposes may override it.</summary>
    public string? PrivacyNoticeUrl { get; set; }

    /// <summary>How to reach the controller (postal address, email), GDPR Art. 13(1)(a) and 30(1)(a).</summary>
    public string? ControllerContact { get; set; }

    /// <summary>The data protection officer's name and contact details, Art. 13(1)(b) and 30(1)(a).</summary>
    public string? Dpo { get; set; }

    /// <summary>The supervisory authority a person may complain to (Art. 13(2)(d)). Default: the CNIL.</summary>
    public string SupervisoryAuthority { get; set; } = DefaultSupervisoryAuthority;

    /// <summary>The default <see cref="SupervisoryAuthority"/>.</summary>
    public const string DefaultSupervisoryAuthority = "CNIL, 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, https://www.cnil.fr";

    /// <summary>The technical and organisational security measures, per culture, for the record of processing (Art. 30(1)(g)).</summary>
    public Dictionary<string, string> SecurityMeasures { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Transfers to a third country and their safeguards, per culture (Art. 30(1)(e)); unset means none.</summary>
    public Dictionary<string, string> Transfers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How much of the visitor's IP address a consent event keeps. Default <see cref="CaptureMode.Truncated"/>.</summary>
    public CaptureMode IpAddress { get; set; } = CaptureMode.Truncated;

    /// <summary>How much of the visitor's user agent a consent event keeps. Default <see cref="CaptureMode.Full"/>.</summary>
    public CaptureMode UserAgent { get; set; } = CaptureMode.Full;

    /// <summary>
    /// The IANA time zone (tz database id such as <c>Europe/Paris</c>) in which evidence pages show times, each with its
    /// UTC offset (EVD-1). Default: UTC. An unknown id is a start-time error.
    /// </summary>
    public string? TimeZone { get; set; }
}
