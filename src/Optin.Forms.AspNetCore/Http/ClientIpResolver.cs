using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Optin.Forms.AspNetCore.Http;

/// <summary>
/// The client's IP address: the connection's, or, only when the connection comes from a declared trusted proxy, the
/// nearest untrusted address in <c>X-Forwarded-For</c>.
/// </summary>
internal sealed class ClientIpResolver(IOptionsMonitor<OptinFormsWebOptions> options)
{
    public IPAddress? Resolve(HttpContext context)
    {
        var remote = Normalize(context.Connection.RemoteIpAddress);
        var trusted = options.CurrentValue.TrustedProxies;
        if (remote is null || trusted.Count == 0 || !IsTrusted(remote, trusted))
        {
            return remote;
        }

        var hops = context.Request.Headers["X-Forwarded-For"].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = hops.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(hops[i], out var hop))
            {
                return remote;
            }

            hop = Normalize(hop)!;
            if (!IsTrusted(hop, trusted))
            {
                return hop;
            }
        }

        return remote;
    }

    private static bool IsTrusted(IPAddress address, List<IPAddress> trusted) =>
        trusted.Any(t => Normalize(t)!.Equals(address));

    private static IPAddress? Normalize(IPAddress? address) =>
        address is { IsIPv4MappedToIPv6: true } ? address.MapToIPv4() : address;
}
