using System.Security.Cryptography;
using System.Text;

namespace Optin.Forms.DoubleOptin;

/// <summary>Keyed hashes of address keys, so that suppression lists and send counters hold no address.</summary>
internal static class AddressHasher
{
    public static string Hash(OptinFormsOptions options, string emailKey)
    {
        var key = Encoding.UTF8.GetBytes(options.DoubleOptin.HashKey ?? "Optin.Forms suppression key for " + options.BaseUrl);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(emailKey)));
    }
}
