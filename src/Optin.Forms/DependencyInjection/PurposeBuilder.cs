using Optin.Forms.Schema;

namespace Optin.Forms.DependencyInjection;

/// <summary>Declares a purpose in C#.</summary>
public sealed class PurposeBuilder
{
    private readonly PurposeOptions _purpose;

    internal PurposeBuilder(PurposeOptions purpose) => _purpose = purpose;

    /// <summary>Marks the purpose as direct marketing (or not).</summary>
    public PurposeBuilder Marketing(bool marketing = true)
    {
        _purpose.Marketing = marketing;
        return this;
    }

    /// <summary>Sets how long data lives after the last active contact.</summary>
    public PurposeBuilder Retention(TimeSpan retention)
    {
        _purpose.Retention = retention;
        return this;
    }

    /// <summary>Sets the consent and purpose texts in <paramref name="culture"/>.</summary>
    public PurposeBuilder Text(string culture, string consent, string purpose)
    {
        _purpose.Texts[culture] = new PurposeTextOptions { Consent = consent, Purpose = purpose };
        return this;
    }

    /// <summary>Overrides the controller for this purpose.</summary>
    public PurposeBuilder Controller(string controller)
    {
        _purpose.Controller = controller;
        return this;
    }

    /// <summary>Overrides the privacy notice for this purpose.</summary>
    public PurposeBuilder PrivacyNotice(string url)
    {
        _purpose.PrivacyNoticeUrl = url;
        return this;
    }
}
