namespace Optin.Forms.AspNetCore;

/// <summary>
/// The proof-of-work challenge shared by every form that turns it on with <c>OptinForms:Forms:{formId}:Abuse:Challenge</c>
/// (<c>OptinForms:Abuse:Challenge</c>).
/// </summary>
/// <remarks>
/// The challenge follows the ALTCHA protocol: <c>challenge</c> is the SHA-256 of the salt followed by a secret number no
/// larger than <see cref="MaxNumber"/>, signed with HMAC-SHA-256; the browser finds the number and posts it back with the
/// challenge. The salt carries the expiry and the form, so a solution is good for one form, once, until it expires.
/// </remarks>
public sealed class ChallengeOptions
{
    /// <summary>
    /// The largest secret number: the browser tries about half of them on average (about a second for 100,000 on a
    /// phone). Default 100,000; from 1 to 10,000,000.
    /// </summary>
    public long MaxNumber { get; set; } = 100_000;

    /// <summary>How long an issued challenge can be answered (and how long its use is remembered). Default 1 hour.</summary>
    public TimeSpan Expiry { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// The HMAC key that signs challenges (32 characters or more), shared by every host. When empty, a 256-bit key is
    /// generated once and kept in the store. A secret: set it with user-secrets or the environment, never in
    /// <c>appsettings.json</c>.
    /// </summary>
    public string? HmacKey { get; set; }
}
