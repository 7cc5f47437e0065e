using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Abuse;

/// <summary>
/// Per-IP (per /64 for IPv6), per-form and per-address fixed-window limits on form posts (ABU-1), counted in the store so that they hold
/// across every host sharing it and survive a restart (ABU-6).
/// </summary>
/// <remarks>
/// One short transaction per post: the IP counter, then the form's, then the address's, each a single atomic
/// increment (<see cref="ICounterWriter.IncrementAsync"/>) whose returned value is checked, so concurrent posts
/// on several hosts never overshoot; a post refused by one limit is not counted by the next. Windows are aligned on
/// the clock (the current minute, the current UTC day) and a counter past its window starts again. IP addresses and
/// addresses are kept only as keyed hashes (<see cref="AddressHasher"/>), and each host deletes the expired counters
/// once an hour in the same transaction.
/// </remarks>
internal sealed class SubmissionRateLimiter(IOptinStore store, IClock clock, IOptions<OptinFormsOptions> engine,
    IOptionsMonitor<OptinFormsWebOptions> options)
{
    private static readonly Duration CleanUpEvery = Duration.FromHours(1);

    /// <summary>When this host next deletes expired counters (Unix milliseconds).</summary>
    private long _nextCleanUp;

    public async ValueTask<RateLimitVerdict> AcquireAsync(string formId, string? ipAddress, string? address, CancellationToken cancellationToken)
    {
        var limits = options.CurrentValue.Abuse.RateLimiting;
        if (!limits.Enabled)
        {
            return RateLimitVerdict.Allowed;
        }

        var now = clock.GetCurrentInstant();
        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        var verdict = await CountAsync(tx, limits, now, formId, ipAddress, address, cancellationToken);
        if (TakeCleanUpTurn(now))
        {
            await tx.Counters.DeleteExpiredAsync(now, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return verdict;
    }

    private async ValueTask<RateLimitVerdict> CountAsync(IOptinTransaction tx, RateLimitingOptions limits, Instant now, string formId,
        string? ipAddress, string? address, CancellationToken cancellationToken)
    {
        var minute = now.ToUnixTimeMilliseconds() / 60_000;
        var nextMinute = Instant.FromUnixTimeMilliseconds((minute + 1) * 60_000);
        var ip = "rate:ip:" + await AddressHasher.HashAsync(tx, engine.Value, "ip:" + Network(ipAddress), cancellationToken);
        if (await tx.Counters.IncrementAsync(ip, now, nextMinute, cancellationToken) > Math.Max(1, limits.PerIpPerMinute))
        {
            return RateLimitVerdict.Refused;
        }

        var form = "rate:form:" + formId.ToUpperInvariant();
        if (await tx.Counters.IncrementAsync(form, now, nextMinute, cancellationToken) > Math.Max(1, limits.PerFormPerMinute))
        {
            return RateLimitVerdict.Refused;
        }

        if (string.IsNullOrWhiteSpace(address))
        {
            return RateLimitVerdict.Allowed;
        }

        var key = EmailAddressNormalizer.TryNormalize(address, out var normalized, out _) ? normalized.Key : address.Trim().ToUpperInvariant();
        var nextDay = Instant.FromUnixTimeMilliseconds((now.ToUnixTimeMilliseconds() / 86_400_000 + 1) * 86_400_000);
        var perAddress = "rate:address:" + await AddressHasher.HashAsync(tx, engine.Value, key, cancellationToken);
        return await tx.Counters.IncrementAsync(perAddress, now, nextDay, cancellationToken) > Math.Max(1, limits.PerAddressPerDay)
            ? RateLimitVerdict.SilentlyDropped
            : RateLimitVerdict.Allowed;
    }

    /// <summary>
    /// What the per-IP limit counts: an IPv4 address as it is, an IPv6 address by its /64 network. One subscriber line
    /// usually gets a whole /64, so counting each of its 2^64 addresses apart would let one sender post without limit.
    /// </summary>
    internal static string Network(string? ipAddress)
    {
        if (!System.Net.IPAddress.TryParse(ipAddress, out var ip))
        {
            return ipAddress ?? "?";
        }

        if (ip.IsIPv4MappedToIPv6)
        {
            return ip.MapToIPv4().ToString();
        }

        if (ip.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return ip.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        ip.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new System.Net.IPAddress(bytes).ToString() + "/64";
    }

    /// <summary>Whether this post deletes the expired counters (once an hour per host, the first post to ask).</summary>
    private bool TakeCleanUpTurn(Instant now)
    {
        var at = now.ToUnixTimeMilliseconds();
        var next = Interlocked.Read(ref _nextCleanUp);
        return at >= next && Interlocked.CompareExchange(ref _nextCleanUp, at + (long)CleanUpEvery.TotalMilliseconds, next) == next;
    }
}
