namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>A suppression list entry, keyed by the address hash.</summary>
internal sealed class SuppressionEntity
{
    public string AddressHash { get; set; } = "";

    public string Reason { get; set; } = "";

    public long CreatedAt { get; set; }

    public long ExpiresAt { get; set; }
}
