using System.Buffers.Text;
using System.Security.Cryptography;

namespace Optin.Forms.DoubleOptin;

/// <summary>Makes and hashes link tokens: 256 bits from the CSPRNG, base64url, only the SHA-256 stored (DOI-3).</summary>
internal static class OptinToken
{
    private const int Size = 32;

    /// <summary>A fresh token and the hash to store.</summary>
    public static (string Token, string Hash) Create()
    {
        Span<byte> bytes = stackalloc byte[Size];
        RandomNumberGenerator.Fill(bytes);
        var token = Base64Url.EncodeToString(bytes);
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        CryptographicOperations.ZeroMemory(bytes);
        return (token, hash);
    }

    /// <summary>The hash of a token from a link, or false when it is not a well-formed token.</summary>
    public static bool TryHash(string? token, out string hash)
    {
        hash = string.Empty;
        if (token is null || token.Length != 43)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Size + 2];
        if (!Base64Url.TryDecodeFromChars(token, bytes, out var written) || written != Size)
        {
            return false;
        }

        hash = Convert.ToHexStringLower(SHA256.HashData(bytes[..Size]));
        return true;
    }

    /// <summary>Compares two hashes in constant time.</summary>
    public static bool HashEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(a), System.Text.Encoding.ASCII.GetBytes(b));
}
