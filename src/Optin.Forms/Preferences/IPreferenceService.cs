using Optin.Forms.DoubleOptin;
using Optin.Forms.Submissions;

namespace Optin.Forms.Preferences;

/// <summary>
/// What the preference page (<c>{PathPrefix}/preferences/{token}</c>) calls: it shows what a person consented to and lets
/// them withdraw or object, never give consent (that takes a form and double opt-in).
/// </summary>
public interface IPreferenceService
{
    /// <summary>
    /// What the page shows for a usable <see cref="TokenKind.Preferences"/> token, without consuming it or changing anything
    /// (for GET and HEAD); <see langword="null"/> when the token is unknown, revoked, expired or of another kind.
    /// </summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<PreferencePage?> FindAsync(string token, CancellationToken cancellationToken);

    /// <summary>
    /// Withdraws one purpose, every purpose, or records an objection to direct marketing, with the proof of the request
    /// (IP address and user agent as configured) in the ledger. A change that is already in effect writes nothing.
    /// </summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="change">What the person asked for.</param>
    /// <param name="context">The request (culture, IP address, user agent) for the ledger's proof fields.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns><see cref="TokenStatus.Valid"/> when done (or already in effect); <see cref="TokenStatus.Invalid"/> for an unusable token.</returns>
    ValueTask<TokenStatus> ChangeAsync(string token, PreferenceChange change, SubmissionContext context, CancellationToken cancellationToken);
}
