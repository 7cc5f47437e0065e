using NodaTime;
using Optin.Forms.DoubleOptin;

namespace Optin.Forms.Storage;

/// <summary>The tokens part of an <see cref="IOptinTransaction"/>: tokens are stored as hashes, single-use and purpose-bound.</summary>
public interface ITokenWriter
{
    /// <summary>Stores a new token.</summary>
    /// <param name="token">The token record (its hash, never the token).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <exception cref="InvalidOperationException">A token with this hash exists.</exception>
    ValueTask SaveAsync(TokenRecord token, CancellationToken cancellationToken);

    /// <summary>The token with this hash, or <see langword="null"/>.</summary>
    /// <param name="tokenHash">The token's hash.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<TokenRecord?> FindAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>The tokens issued for <paramref name="contactId"/>, used or not, oldest first (DSR-1, DSR-2).</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<IReadOnlyList<TokenRecord>> ListAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the token used if it was not: atomic, so that of two concurrent transactions exactly one gets
    /// <see langword="true"/> (DOI-4). Stores without serialised transactions use a conditional update.
    /// </summary>
    /// <param name="tokenHash">The token's hash.</param>
    /// <param name="at">The instant it is used.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether this call consumed it (false when it was used already or does not exist).</returns>
    ValueTask<bool> ConsumeAsync(string tokenHash, Instant at, CancellationToken cancellationToken);

    /// <summary>
    /// Marks every unused token of this contact and kind that stands for this purpose used (<see cref="TokenRecord.PurposeId"/>
    /// or one of <see cref="TokenRecord.OtherPurposeIds"/>, compared without case); a fresh one is then the only valid one.
    /// </summary>
    /// <remarks>A token of several purposes goes as a whole: nothing is confirmed against a later withdrawal of one of them.</remarks>
    /// <param name="contactId">The contact.</param>
    /// <param name="purposeId">The purpose.</param>
    /// <param name="kind">The kind of token.</param>
    /// <param name="at">The instant they are revoked.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many tokens were revoked.</returns>
    ValueTask<int> RevokeAsync(Guid contactId, string purposeId, TokenKind kind, Instant at, CancellationToken cancellationToken);
}
