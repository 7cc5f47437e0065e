using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Abuse;

/// <summary>The HMAC key that signs proof-of-work challenges.</summary>
/// <remarks>
/// <see cref="ChallengeOptions.HmacKey"/> when configured. Otherwise 256 random bits generated once and kept in the
/// store under <see cref="Setting"/> (as the address-hash key is): every host on one database signs and verifies with
/// the same key, a restart keeps it, and nothing public lets anyone derive it (CFG-6). The ALTCHA signature is an HMAC,
/// so it needs raw key bytes, which Data Protection does not hand out.
/// </remarks>
internal sealed class ChallengeKey(IOptinStore store, IOptionsMonitor<OptinFormsWebOptions> options)
{
    /// <summary>The store setting that holds the generated key (base64).</summary>
    public const string Setting = "optin.challenge-hmac-key";

    private byte[]? _generated;

    public async ValueTask<byte[]> GetAsync(CancellationToken cancellationToken)
    {
        if (options.CurrentValue.Abuse.Challenge.HmacKey is { Length: > 0 } configured)
        {
            return Encoding.UTF8.GetBytes(configured);
        }

        if (Volatile.Read(ref _generated) is { } known)
        {
            return known;
        }

        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        var value = await tx.Settings.GetOrAddAsync(Setting, () => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        var key = Convert.FromBase64String(value);
        Volatile.Write(ref _generated, key);
        return key;
    }
}
