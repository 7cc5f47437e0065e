using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;

namespace Optin.Forms.Preferences;

/// <summary>Revokes a contact's preference page links.</summary>
internal static class PreferenceTokens
{
    /// <summary>
    /// Marks every unused <see cref="TokenKind.Preferences"/> token of the contact used, so that the links stop working: when
    /// the address changes, the page must not show the new one to whoever reads mail at the old one (DSR-3).
    /// </summary>
    /// <returns>How many were revoked.</returns>
    public static async ValueTask<int> RevokeAllAsync(IOptinTransaction tx, Guid contactId, Instant at, CancellationToken cancellationToken)
    {
        var revoked = 0;
        foreach (var token in await tx.Tokens.ListAsync(contactId, cancellationToken))
        {
            if (token.Kind == TokenKind.Preferences && token.ConsumedAt is null && await tx.Tokens.ConsumeAsync(token.Hash, at, cancellationToken))
            {
                revoked++;
            }
        }

        return revoked;
    }
}
