using System.Collections.Immutable;

namespace Optin.Forms.Schema;

/// <summary>
/// An immutable, validated snapshot of the configuration: forms, purposes and landing pages.
/// </summary>
/// <remarks>
/// The engine reads one snapshot per operation, so a configuration reload never mixes two versions of a form in
/// one submission.
/// </remarks>
public sealed class FormCatalog
{
    internal FormCatalog(string defaultCulture, Uri? baseUrl, CaptureMode ipAddress, CaptureMode userAgent,
        ImmutableDictionary<string, PurposeDefinition> purposes, ImmutableDictionary<string, FormDefinition> forms,
        ImmutableDictionary<string, LandingPageDefinition> landingPages)
    {
        DefaultCulture = defaultCulture;
        BaseUrl = baseUrl;
        IpAddressCapture = ipAddress;
        UserAgentCapture = userAgent;
        Purposes = purposes;
        Forms = forms;
        LandingPages = landingPages;
    }

    /// <summary>
    /// The options this catalog was compiled from: the rules and email templates of the same accepted configuration are
    /// compiled from them, so they reload together with the forms (CFG-4).
    /// </summary>
    internal OptinFormsOptions? Source { get; init; }

    /// <summary>The controller, its contact details, DPO and supervisory authority (<c>OptinForms:DataProtection</c>).</summary>
    public DataProtectionDefinition DataProtection { get; internal init; } = new(new DataProtectionOptions());

    /// <summary>The culture used when a submission names none.</summary>
    public string DefaultCulture { get; }

    /// <summary>The absolute base URL for links in emails, when configured.</summary>
    public Uri? BaseUrl { get; }

    /// <summary>How much of the IP address consent events keep.</summary>
    public CaptureMode IpAddressCapture { get; }

    /// <summary>How much of the user agent consent events keep.</summary>
    public CaptureMode UserAgentCapture { get; }

    /// <summary>Purposes by id (case-insensitive).</summary>
    public ImmutableDictionary<string, PurposeDefinition> Purposes { get; }

    /// <summary>Forms by id (case-insensitive).</summary>
    public ImmutableDictionary<string, FormDefinition> Forms { get; }

    /// <summary>Landing pages by slug (case-insensitive).</summary>
    public ImmutableDictionary<string, LandingPageDefinition> LandingPages { get; }

    /// <summary>The form <paramref name="formId"/>, or <see langword="null"/>.</summary>
    public FormDefinition? FindForm(string formId) => Forms.GetValueOrDefault(formId);

    /// <summary>The purpose <paramref name="purposeId"/>, or <see langword="null"/>.</summary>
    public PurposeDefinition? FindPurpose(string purposeId) => Purposes.GetValueOrDefault(purposeId);
}
