namespace Optin.Forms.AspNetCore;

/// <summary>
/// The admin API under <c>{PathPrefix}/admin</c> (contacts, opt-in by hand and in bulk, suppression list): off unless the
/// host names the authorization policy that protects it (configuration section <c>OptinForms:Admin</c>).
/// </summary>
public sealed class AdminApiOptions
{
    /// <summary>Whether the admin endpoints are mapped. Default <see langword="false"/>.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// The name of the host's authorization policy every admin endpoint requires (DSR-4: personal data only behind it).
    /// Required when <see cref="Enabled"/> is set; the host registers the policy with <c>AddAuthorization</c>.
    /// </summary>
    public string? AuthorizationPolicy { get; set; }

    /// <summary>The largest page of contacts one search returns. Default 500.</summary>
    public int MaxPageSize { get; set; } = 500;
}
