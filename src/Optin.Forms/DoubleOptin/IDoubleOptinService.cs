using Optin.Forms.Submissions;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// What the confirmation and unsubscribe pages call. Looking a token up never changes anything (DOI-2, WD-3); only
/// the explicit actions do.
/// </summary>
public interface IDoubleOptinService
{
    /// <summary>Checks a token without consuming it or changing anything (for GET and HEAD).</summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="kind">What the link is for; a token of another kind is invalid (DOI-3, WD-7).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<TokenStatus> InspectAsync(string token, TokenKind kind, CancellationToken cancellationToken);

    /// <summary>
    /// Consumes a confirmation token once and confirms the opt-in (DOI-4: exactly once under concurrency). A purpose
    /// withdrawn after the link was sent (by an operator, in bulk or by an objection) is not confirmed by it (WD-4, WD-6);
    /// when that is every purpose of the link, the link is <see cref="TokenStatus.Invalid"/>.
    /// </summary>
    ValueTask<TokenStatus> ConfirmAsync(string token, SubmissionContext context, CancellationToken cancellationToken);

    /// <summary>"This was not me": deletes the pending record and suppresses mail to the address for a while (DOI-9).</summary>
    ValueTask<TokenStatus> RejectAsync(string token, SubmissionContext context, CancellationToken cancellationToken);

    /// <summary>Withdraws the consent an unsubscribe token stands for (WD-2, WD-4); idempotent.</summary>
    ValueTask<TokenStatus> UnsubscribeAsync(string token, SubmissionContext context, CancellationToken cancellationToken);

    // #15 item C (Access): the confirmation page restates what is confirmed.

    /// <summary>
    /// The purpose a usable token stands for, without consuming it or changing anything (for the page to restate what
    /// the person confirms and to whom); <see langword="null"/> when the token is not usable or the service does not say.
    /// </summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="kind">What the link is for.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<string?> FindPurposeAsync(string token, TokenKind kind, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    /// <summary>
    /// Every purpose a usable token stands for (one confirmation email may confirm several, #18), without consuming it or
    /// changing anything; <see langword="null"/> when the token is not usable or the service does not say.
    /// </summary>
    /// <param name="token">The token from the link.</param>
    /// <param name="kind">What the link is for.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    async ValueTask<IReadOnlyList<string>?> FindPurposesAsync(string token, TokenKind kind, CancellationToken cancellationToken) =>
        await FindPurposeAsync(token, kind, cancellationToken) is { } purpose ? [purpose] : null;
}
