using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Abuse;

/// <summary>
/// Issues and verifies the proof-of-work challenge of the forms that turn it on (<c>Abuse:Challenge</c>), in the ALTCHA
/// format: the browser gets <c>{algorithm, challenge, maxnumber, salt, signature}</c>, finds the number whose SHA-256
/// with the salt is <c>challenge</c>, and posts <c>base64({algorithm, challenge, number, salt, signature})</c> in
/// <see cref="FieldName"/>.
/// </summary>
/// <remarks>
/// The salt carries <c>?expires=</c> (Unix seconds) and <c>form=</c>, and it ends with <c>&amp;</c> so that no digit of
/// the number can pass for part of the salt. A solution is accepted once: its challenge is counted in the store
/// (<see cref="ICounterWriter.IncrementAsync"/>, an atomic increment) until it expires, so a replay is refused on every
/// host sharing the database; expired counts are deleted once an hour per host.
/// </remarks>
internal sealed class ChallengeGuard(ChallengeKey key, IOptinStore store, IClock clock, IOptionsMonitor<OptinFormsWebOptions> options)
{
    /// <summary>The field that carries the solution.</summary>
    public const string FieldName = "__optin_altcha";

    /// <summary>The only algorithm issued and accepted.</summary>
    public const string Algorithm = "SHA-256";

    /// <summary>No solution was posted (a browser with JavaScript off).</summary>
    public const string MissingCode = "OPTIN2301";

    /// <summary>The posted solution is not one this site issued for this form, or its number is wrong.</summary>
    public const string InvalidCode = "OPTIN2302";

    /// <summary>The solution expired.</summary>
    public const string ExpiredCode = "OPTIN2303";

    /// <summary>The solution was used already.</summary>
    public const string ReplayedCode = "OPTIN2304";

    private const int MaxPayloadLength = 2048;

    /// <summary>Year 9999: anything later cannot be an expiry this site wrote.</summary>
    private const long MaxUnixSeconds = 253_402_300_799;

    private static readonly Duration CleanUpEvery = Duration.FromHours(1);

    private long _nextCleanUp;

    /// <summary>A fresh challenge for <paramref name="formId"/>, as the JSON the ALTCHA protocol defines.</summary>
    public async ValueTask<string> IssueAsync(string formId, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue.Abuse.Challenge;
        var expires = clock.GetCurrentInstant() + Duration.FromTimeSpan(settings.Expiry);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))
            + string.Create(CultureInfo.InvariantCulture, $"?expires={expires.ToUnixTimeSeconds()}&form={Uri.EscapeDataString(formId)}&");
        var number = RandomNumberGenerator.GetInt32(0, (int)Math.Clamp(settings.MaxNumber, 1, int.MaxValue - 1) + 1);
        var challenge = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + number.ToString(CultureInfo.InvariantCulture))));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(await key.GetAsync(cancellationToken), Encoding.UTF8.GetBytes(challenge)));
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["algorithm"] = Algorithm,
            ["challenge"] = challenge,
            ["maxnumber"] = settings.MaxNumber,
            ["salt"] = salt,
            ["signature"] = signature,
        });
    }

    /// <summary>Checks the solution posted to <paramref name="formId"/> and, when it is good, marks it used.</summary>
    public async ValueTask<ChallengeVerdict> VerifyAsync(string formId, string? payload, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            return ChallengeVerdict.Missing;
        }

        if (payload.Length > MaxPayloadLength || Read(payload) is not { } solution
            || !string.Equals(solution.Algorithm, Algorithm, StringComparison.Ordinal) || solution.Number < 0
            || !TryHex(solution.Challenge, out var challenge) || challenge.Length != SHA256.HashSizeInBytes
            || !TryHex(solution.Signature, out var signature))
        {
            return ChallengeVerdict.Invalid;
        }

        // The signature first: only a challenge this site issued is worth hashing and counting.
        var expected = HMACSHA256.HashData(await key.GetAsync(cancellationToken), Encoding.UTF8.GetBytes(solution.Challenge));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(solution.Salt + solution.Number.ToString(CultureInfo.InvariantCulture)));
        if (!CryptographicOperations.FixedTimeEquals(expected, signature) || !CryptographicOperations.FixedTimeEquals(hash, challenge))
        {
            return ChallengeVerdict.Invalid;
        }

        var parameters = SaltParameters(solution.Salt);
        if (!parameters.TryGetValue("form", out var form) || !string.Equals(form, formId, StringComparison.OrdinalIgnoreCase)
            || !parameters.TryGetValue("expires", out var text)
            || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds)
        {
            return ChallengeVerdict.Invalid;
        }

        var now = clock.GetCurrentInstant();
        var expiresAt = Instant.FromUnixTimeSeconds(seconds);
        if (now >= expiresAt)
        {
            return ChallengeVerdict.Expired;
        }

        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        var uses = await tx.Counters.IncrementAsync("challenge:" + solution.Challenge, now, expiresAt, cancellationToken);
        if (TakeCleanUpTurn(now))
        {
            await tx.Counters.DeleteExpiredAsync(now, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return uses > 1 ? ChallengeVerdict.Replayed : ChallengeVerdict.Solved;
    }

    /// <summary>The stable code, the text key (<c>WebTexts</c>) and the logged reason of a refusal.</summary>
    public static (string Code, string TextKey, string Reason) Describe(ChallengeVerdict verdict) => verdict switch
    {
        ChallengeVerdict.Missing => (MissingCode, "ChallengeMissing", "challenge missing"),
        ChallengeVerdict.Expired => (ExpiredCode, "ChallengeExpired", "challenge expired"),
        ChallengeVerdict.Replayed => (ReplayedCode, "ChallengeFailed", "challenge replayed"),
        _ => (InvalidCode, "ChallengeFailed", "challenge invalid"),
    };

    private static Solution? Read(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(Convert.FromBase64String(payload.Trim()));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("number", out var number)
                || number.ValueKind != JsonValueKind.Number || !number.TryGetInt64(out var value))
            {
                return null;
            }

            return Text(root, "algorithm") is { } algorithm && Text(root, "challenge") is { } challenge
                && Text(root, "salt") is { } salt && Text(root, "signature") is { } signature
                ? new Solution(algorithm, challenge, value, salt, signature)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String ? property.GetString() : null;

    /// <summary>Lower-case hex only: the form this site writes, so one challenge has one spelling (one replay count).</summary>
    private static bool TryHex(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length % 2 != 0 || !text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            return false;
        }

        bytes = Convert.FromHexString(text);
        return true;
    }

    private static Dictionary<string, string> SaltParameters(string salt)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var question = salt.IndexOf('?', StringComparison.Ordinal);
        if (question < 0)
        {
            return parameters;
        }

        foreach (var pair in salt[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                // A repeated parameter makes the salt unreadable rather than letting one copy win.
                if (!parameters.TryAdd(pair[..equals], Uri.UnescapeDataString(pair[(equals + 1)..])))
                {
                    parameters[pair[..equals]] = string.Empty;
                }
            }
        }

        return parameters;
    }

    /// <summary>Whether this post deletes the expired counters (once an hour per host, the first post to ask).</summary>
    private bool TakeCleanUpTurn(Instant now)
    {
        var at = now.ToUnixTimeMilliseconds();
        var next = Interlocked.Read(ref _nextCleanUp);
        return at >= next && Interlocked.CompareExchange(ref _nextCleanUp, at + (long)CleanUpEvery.TotalMilliseconds, next) == next;
    }

    private sealed record Solution(string Algorithm, string Challenge, long Number, string Salt, string Signature);
}
