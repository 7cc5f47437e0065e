namespace Optin.Forms.Schema;

/// <summary>One processing purpose that a consent checkbox stands for (<c>OptinForms:Purposes:{purposeId}</c>).</summary>
public sealed class PurposeOptions
{
    /// <summary>Whether the purpose is direct marketing. Marketing purposes need a controller, a privacy notice and a retention (CONS-9).</summary>
    public bool Marketing { get; set; }

    /// <summary>How long data kept for this purpose lives after the person's last active contact (RET-1).</summary>
    public TimeSpan? Retention { get; set; }

    /// <summary>Overrides <see cref="DataProtectionOptions.Controller"/> for this purpose.</summary>
    public string? Controller { get; set; }

    /// <summary>Overrides <see cref="DataProtectionOptions.PrivacyNoticeUrl"/> for this purpose.</summary>
    public string? PrivacyNoticeUrl { get; set; }

    /// <summary>The consent and purpose texts per culture (<c>fr</c>, <c>en</c>, …).</summary>
    public Dictionary<string, PurposeTextOptions> Texts { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
