using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.AspNetCore.Abuse;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Tests.Abuse;

/// <summary>The proof-of-work challenge (<c>Abuse:Challenge</c>): ALTCHA format, signature, number, form, expiry, single use.</summary>
[Trait("Feature", "Challenge")]
public sealed class ChallengeGuardTests : IDisposable
{
    private readonly FakeClock _clock = new(Instant.FromUtc(2026, 12, 3, 9, 0));
    private readonly InMemoryOptinStore _store = new();

    private ChallengeGuard Guard(string? hmacKey = null)
    {
        var web = new OptinFormsWebOptions();
        web.Abuse.Challenge.MaxNumber = 300;
        web.Abuse.Challenge.HmacKey = hmacKey;
        var monitor = new FixedMonitor(web);
        return new ChallengeGuard(new ChallengeKey(_store, monitor), _store, _clock, monitor);
    }

    private static async Task<string> SolvedAsync(ChallengeGuard guard, string formId = "newsletter") =>
        ChallengeSolver.Solve(await guard.IssueAsync(formId, default));

    [Fact]
    public async Task Issue_WritesAnAltchaChallenge_WithItsExpiryAndFormInTheSalt()
    {
        var json = JsonNode.Parse(await Guard().IssueAsync("newsletter", default))!.AsObject();

        Assert.Equal("SHA-256", (string)json["algorithm"]!);
        Assert.Equal(300, (long)json["maxnumber"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)json["challenge"]!);
        Assert.Matches("^[0-9a-f]{64}$", (string)json["signature"]!);
        var expires = _clock.GetCurrentInstant().Plus(Duration.FromHours(1)).ToUnixTimeSeconds();
        Assert.Matches($"^[0-9a-f]{{24}}\\?expires={expires}&form=newsletter&$", (string)json["salt"]!);
    }

    [Fact]
    public async Task Verify_ASolution_IsSolvedOnce_ThenReplayed()
    {
        var guard = Guard();
        var payload = await SolvedAsync(guard);

        Assert.Equal(ChallengeVerdict.Solved, await guard.VerifyAsync("newsletter", payload, default));
        Assert.Equal(ChallengeVerdict.Replayed, await guard.VerifyAsync("newsletter", payload, default));
    }

    [Fact]
    [Trait("Requirement", "ABU-6")]
    public async Task Verify_OnAnotherHostSharingTheStore_AcceptsItsSolution_AndRefusesItsReplay()
    {
        var hostA = Guard();
        var hostB = Guard();
        var payload = await SolvedAsync(hostA);

        // The generated key is kept in the store: host B checks host A's signature, and sees host A's use.
        Assert.Equal(ChallengeVerdict.Solved, await hostB.VerifyAsync("newsletter", payload, default));
        Assert.Equal(ChallengeVerdict.Replayed, await hostA.VerifyAsync("newsletter", payload, default));
    }

    [Fact]
    public async Task Verify_PastItsExpiry_IsExpired()
    {
        var guard = Guard();
        var payload = await SolvedAsync(guard);
        _clock.Advance(Duration.FromHours(1));

        Assert.Equal(ChallengeVerdict.Expired, await guard.VerifyAsync("newsletter", payload, default));
        Assert.Equal(ChallengeVerdict.Expired, await guard.VerifyAsync("newsletter", payload, default));
    }

    [Fact]
    public async Task Verify_AReplayCount_EndsWithTheChallenge_SoTheStoreDoesNotGrow()
    {
        var guard = Guard();
        var payload = await SolvedAsync(guard);
        await guard.VerifyAsync("newsletter", payload, default);
        var challenge = (string)JsonNode.Parse(Convert.FromBase64String(payload))!["challenge"]!;

        await using var tx = await _store.BeginTransactionAsync(default);
        Assert.Equal(1, await tx.Counters.GetAsync("challenge:" + challenge, _clock.GetCurrentInstant(), default));
        Assert.Equal(0, await tx.Counters.GetAsync("challenge:" + challenge, _clock.GetCurrentInstant().Plus(Duration.FromHours(1)), default));
    }

    [Theory]
    [InlineData("signature")]
    [InlineData("number")]
    [InlineData("challenge")]
    [InlineData("algorithm")]
    [InlineData("salt")]
    public async Task Verify_AForgedSolution_IsInvalid_AndUsesNothing(string member)
    {
        var guard = Guard();
        var payload = await SolvedAsync(guard);
        var json = JsonNode.Parse(Convert.FromBase64String(payload))!;
        JsonNode forged = member switch
        {
            "signature" => new string('0', 64),
            "number" => (long)json["number"]! + 1,
            "challenge" => Convert.ToHexStringLower(SHA256.HashData("x"u8)),
            "algorithm" => "SHA-1",
            _ => ((string)json["salt"]!).Replace("form=newsletter", "form=contact", StringComparison.Ordinal),
        };

        Assert.Equal(ChallengeVerdict.Invalid, await guard.VerifyAsync("newsletter", ChallengeSolver.Tamper(payload, member, forged), default));
        Assert.Equal(ChallengeVerdict.Solved, await guard.VerifyAsync("newsletter", payload, default));
    }

    [Fact]
    public async Task Verify_AnotherFormsSolution_IsInvalid()
    {
        var guard = Guard();
        var payload = await SolvedAsync(guard, "contact");

        Assert.Equal(ChallengeVerdict.Invalid, await guard.VerifyAsync("newsletter", payload, default));
    }

    [Fact]
    public async Task Verify_ASolutionSignedWithAnotherKey_IsInvalid()
    {
        var payload = await SolvedAsync(Guard("another key that is long enough, 32 chars or more"));

        Assert.Equal(ChallengeVerdict.Invalid, await Guard("the configured key of this site, 32+ characters").VerifyAsync("newsletter", payload, default));
    }

    [Theory]
    [InlineData(null, "Missing")]
    [InlineData("", "Missing")]
    [InlineData("   ", "Missing")]
    [InlineData("not base64!", "Invalid")]
    [InlineData("bm90IGpzb24=", "Invalid")]
    [InlineData("W10=", "Invalid")]
    [InlineData("eyJudW1iZXIiOiIxIn0=", "Invalid")]
    public async Task Verify_NoOrUnreadablePayload_IsMissingOrInvalid(string? payload, string expected)
    {
        Assert.Equal(Enum.Parse<ChallengeVerdict>(expected), await Guard().VerifyAsync("newsletter", payload, default));
    }

    /// <summary>
    /// A challenge made by hand as the ALTCHA libraries make it (SHA-256 hex of salt + number, HMAC-SHA-256 hex of the
    /// challenge with the key, <c>?expires=</c> in the salt), checked with the same configured key.
    /// </summary>
    [Fact]
    public async Task Verify_AChallengeMadeByTheAltchaRecipe_WithTheConfiguredKey_IsSolved()
    {
        const string key = "a configured HMAC key of at least 32 characters";
        var expires = _clock.GetCurrentInstant().Plus(Duration.FromMinutes(5)).ToUnixTimeSeconds();
        var salt = string.Create(CultureInfo.InvariantCulture, $"0123456789abcdef01234567?expires={expires}&form=newsletter&");
        var challenge = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(salt + "42")));
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(challenge)));

        var verdict = await Guard(key).VerifyAsync("newsletter", ChallengeSolver.Payload("SHA-256", challenge, 42, salt, signature), default);

        Assert.Equal(ChallengeVerdict.Solved, verdict);
    }

    public void Dispose() => _store.Dispose();

    private sealed class FixedMonitor(OptinFormsWebOptions value) : IOptionsMonitor<OptinFormsWebOptions>
    {
        public OptinFormsWebOptions CurrentValue => value;

        public OptinFormsWebOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<OptinFormsWebOptions, string?> listener) => null;
    }
}
