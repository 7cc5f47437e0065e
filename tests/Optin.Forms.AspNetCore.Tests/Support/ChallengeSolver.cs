using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>Solves an ALTCHA challenge the way a browser does (SHA-256 of salt + number, 0 up to maxnumber).</summary>
internal static partial class ChallengeSolver
{
    /// <summary>The base64 payload that answers <paramref name="challengeJson"/>.</summary>
    public static string Solve(string challengeJson)
    {
        var challenge = JsonNode.Parse(challengeJson)!.AsObject();
        var salt = (string)challenge["salt"]!;
        var target = (string)challenge["challenge"]!;
        var max = (long)challenge["maxnumber"]!;
        for (long n = 0; n <= max; n++)
        {
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + n.ToString(CultureInfo.InvariantCulture))));
            if (hash == target)
            {
                return Payload((string)challenge["algorithm"]!, target, n, salt, (string)challenge["signature"]!);
            }
        }

        throw new InvalidOperationException("No number up to maxnumber solves the challenge.");
    }

    public static string Payload(string algorithm, string challenge, long number, string salt, string signature) =>
        Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new { algorithm, challenge, number, salt, signature }));

    /// <summary>The payload with one member replaced (to forge it).</summary>
    public static string Tamper(string payload, string member, JsonNode value)
    {
        var json = JsonNode.Parse(Convert.FromBase64String(payload))!.AsObject();
        json[member] = value;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    /// <summary>The challenge JSON a rendered form carries in its <c>data-optin-challenge</c> attribute.</summary>
    public static string FromHtml(string html) =>
        WebUtility.HtmlDecode(ChallengeAttribute().Match(html) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The page holds no challenge."));

    [GeneratedRegex("data-optin-challenge=\"([^\"]+)\"")]
    private static partial Regex ChallengeAttribute();
}
