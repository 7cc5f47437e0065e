using System.Security.Cryptography;
using System.Text;

namespace Optin.Forms.Schema;

/// <summary>SHA-256 helpers used for consent proof and definition versions.</summary>
internal static class Hashing
{
    public static string Sha256Hex(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
