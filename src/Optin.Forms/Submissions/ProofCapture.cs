using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Optin.Forms.Schema;

namespace Optin.Forms.Submissions;

/// <summary>Keeps as much of the request metadata as the configuration says (data minimisation).</summary>
public static class ProofCapture
{
    /// <summary>The longest user agent kept in <see cref="CaptureMode.Truncated"/> mode.</summary>
    public const int TruncatedUserAgentLength = 128;

    /// <summary>The longest user agent kept at all.</summary>
    public const int MaxUserAgentLength = 512;

    /// <summary>
    /// The IP address as configured: in full, truncated (IPv4 /24, IPv6 /48, the rest zeroed) or not at all.
    /// Anything that is not an IP address is dropped.
    /// </summary>
    public static string? IpAddress(string? ip, CaptureMode mode)
    {
        if (mode == CaptureMode.None || string.IsNullOrWhiteSpace(ip) || !IPAddress.TryParse(ip.Trim(), out var address))
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (mode == CaptureMode.Full)
        {
            return address.ToString();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            // The /24 in dotted decimal, as IPAddress.ToString() writes it, without a second address and its bytes.
            Span<byte> v4 = stackalloc byte[4];
            address.TryWriteBytes(v4, out _);
            Span<char> text = stackalloc char[16];
            var length = 0;
            for (var i = 0; i < 3; i++)
            {
                v4[i].TryFormat(text[length..], out var written, default, CultureInfo.InvariantCulture);
                length += written;
                text[length++] = '.';
            }

            text[length++] = '0';
            return new string(text[..length]);
        }

        var bytes = address.GetAddressBytes();
        var keep = 6;
        Array.Clear(bytes, keep, bytes.Length - keep);
        return new IPAddress(bytes).ToString();
    }

    /// <summary>The user agent as configured, without control characters.</summary>
    public static string? UserAgent(string? userAgent, CaptureMode mode)
    {
        if (mode == CaptureMode.None || string.IsNullOrWhiteSpace(userAgent))
        {
            return null;
        }

        var clean = (HasControlCharacter(userAgent) ? new string(userAgent.Where(c => !char.IsControl(c)).ToArray()) : userAgent).Trim();
        var max = mode == CaptureMode.Truncated ? TruncatedUserAgentLength : MaxUserAgentLength;
        return clean.Length > max ? clean[..max] : clean;
    }

    /// <summary>The source URL, without control characters and at most 2,048 characters.</summary>
    public static string? SourceUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || HasControlCharacter(url))
        {
            return null;
        }

        return url.Length > 2048 ? url[..2048] : url;
    }

    private static bool HasControlCharacter(string text)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c))
            {
                return true;
            }
        }

        return false;
    }
}
