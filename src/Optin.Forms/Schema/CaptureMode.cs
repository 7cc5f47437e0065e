namespace Optin.Forms.Schema;

/// <summary>How much of a piece of request metadata (IP address, user agent) is kept as proof.</summary>
/// <remarks>Data minimisation (GDPR Art. 5(1)(c)): keep only what the proof needs.</remarks>
public enum CaptureMode
{
    /// <summary>Keep the whole value.</summary>
    Full,

    /// <summary>IPv4 keeps its first three bytes (/24), IPv6 its first six (/48); a user agent keeps 128 characters.</summary>
    Truncated,

    /// <summary>Keep nothing.</summary>
    None,
}
