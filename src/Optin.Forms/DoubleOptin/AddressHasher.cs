using System.Security.Cryptography;
using System.Text;
using Optin.Forms.Storage;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// Keyed hashes (HMAC-SHA256) of address keys and other identifiers, so that suppression lists, send counters and rate
/// limits hold no address.
/// </summary>
/// <remarks>
/// The key is <see cref="DoubleOptinOptions.HashKey"/> when configured. Otherwise it is 256 random bits generated once
/// and kept in the store under <see cref="KeySetting"/>: every host on one database uses the same key, a restart keeps
/// it, and nothing public (such as <c>OptinForms:BaseUrl</c>) lets anyone derive it (CFG-6).
/// </remarks>
public static class AddressHasher
{
    /// <summary>The name of the store setting that holds the generated key (base64).</summary>
    public const string KeySetting = "optin.address-hash-key";

    /// <summary>The keyed hash of <paramref name="value"/> (an address comparison key), as lower-case hex.</summary>
    /// <param name="transaction">The transaction the key is read through (and, the first time, stored with).</param>
    /// <param name="options">The engine's options (<see cref="DoubleOptinOptions.HashKey"/>).</param>
    /// <param name="value">What to hash.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static async ValueTask<string> HashAsync(IOptinTransaction transaction, OptinFormsOptions options, string value,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(value);
        var key = options.DoubleOptin.HashKey is { Length: > 0 } configured
            ? Encoding.UTF8.GetBytes(configured)
            : Convert.FromBase64String(await transaction.Settings.GetOrAddAsync(KeySetting, NewKey, cancellationToken));
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(value)));
    }

    private static string NewKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
}
