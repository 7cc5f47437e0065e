using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Optin.Forms.AspNetCore.Abuse;

/// <summary>
/// Signs the time a form was rendered into a hidden field and checks, on post, that at least the minimum fill time
/// has passed (ABU-2). The value is protected with ASP.NET Core Data Protection, so it cannot be forged or moved to
/// another form.
/// </summary>
internal sealed class FillTimeGuard(IDataProtectionProvider provider, IClock clock, IOptionsMonitor<OptinFormsWebOptions> options)
{
    /// <summary>The hidden field holding the signed render time.</summary>
    public const string FieldName = "__optin_rendered";

    private readonly IDataProtector _protector = provider.CreateProtector("Optin.Forms.AspNetCore.FillTime.v1");

    public string Issue(string formId) =>
        _protector.Protect(string.Create(CultureInfo.InvariantCulture, $"{formId}|{clock.GetCurrentInstant().ToUnixTimeMilliseconds()}"));

    /// <summary>Whether a post of <paramref name="formId"/> carrying <paramref name="token"/> looks human.</summary>
    public FillTimeVerdict Check(string formId, string? token)
    {
        var abuse = options.CurrentValue.Abuse;
        if (abuse.MinFillTime <= TimeSpan.Zero)
        {
            return FillTimeVerdict.Human;
        }

        if (string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return FillTimeVerdict.Bot;
        }

        string payload;
        try
        {
            payload = _protector.Unprotect(token);
        }
        catch (CryptographicException)
        {
            return FillTimeVerdict.Bot;
        }

        var bar = payload.LastIndexOf('|');
        if (bar <= 0 || !string.Equals(payload[..bar], formId, StringComparison.OrdinalIgnoreCase)
            || !long.TryParse(payload[(bar + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var renderedMs))
        {
            return FillTimeVerdict.Bot;
        }

        var elapsed = clock.GetCurrentInstant() - Instant.FromUnixTimeMilliseconds(renderedMs);
        return elapsed < Duration.FromTimeSpan(abuse.MinFillTime) ? FillTimeVerdict.Bot
            : elapsed > Duration.FromTimeSpan(abuse.MaxFillTime) ? FillTimeVerdict.Expired
            : FillTimeVerdict.Human;
    }
}
