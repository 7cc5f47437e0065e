using System.Security.Cryptography;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Optin.Forms.AspNetCore.Abuse;

/// <summary>
/// Per-IP, per-form and per-address fixed-window limits on form posts (ABU-1), built on
/// <c>System.Threading.RateLimiting</c>. Addresses are kept only as hashes.
/// </summary>
internal sealed class SubmissionRateLimiter : IDisposable
{
    private readonly IOptionsMonitor<OptinFormsWebOptions> _options;
    private readonly PartitionedRateLimiter<string> _perIp;
    private readonly PartitionedRateLimiter<string> _perForm;
    private readonly PartitionedRateLimiter<string> _perAddress;

    public SubmissionRateLimiter(IOptionsMonitor<OptinFormsWebOptions> options)
    {
        _options = options;
        var limits = options.CurrentValue.Abuse.RateLimiting;
        _perIp = Create(limits.PerIpPerMinute, TimeSpan.FromMinutes(1));
        _perForm = Create(limits.PerFormPerMinute, TimeSpan.FromMinutes(1));
        _perAddress = Create(limits.PerAddressPerDay, TimeSpan.FromDays(1));
    }

    public RateLimitVerdict Acquire(string formId, string? ipAddress, string? address)
    {
        if (!_options.CurrentValue.Abuse.RateLimiting.Enabled)
        {
            return RateLimitVerdict.Allowed;
        }

        using (var ip = _perIp.AttemptAcquire(ipAddress ?? "?"))
        {
            if (!ip.IsAcquired)
            {
                return RateLimitVerdict.Refused;
            }
        }

        using (var form = _perForm.AttemptAcquire(formId.ToUpperInvariant()))
        {
            if (!form.IsAcquired)
            {
                return RateLimitVerdict.Refused;
            }
        }

        if (string.IsNullOrWhiteSpace(address))
        {
            return RateLimitVerdict.Allowed;
        }

        var key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(address.Trim().ToUpperInvariant())));
        using var perAddress = _perAddress.AttemptAcquire(key);
        return perAddress.IsAcquired ? RateLimitVerdict.Allowed : RateLimitVerdict.SilentlyDropped;
    }

    public void Dispose()
    {
        _perIp.Dispose();
        _perForm.Dispose();
        _perAddress.Dispose();
    }

    private static PartitionedRateLimiter<string> Create(int permits, TimeSpan window) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions
            {
                PermitLimit = Math.Max(1, permits),
                Window = window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
}
