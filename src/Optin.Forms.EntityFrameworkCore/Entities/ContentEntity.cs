namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>One entry of the content-addressed archive (EVD-1), keyed by its SHA-256; never updated, kept after erasure.</summary>
internal sealed class ContentEntity
{
    public string Sha256 { get; set; } = "";

    public string Kind { get; set; } = "";

    public string MediaType { get; set; } = "";

    public string Content { get; set; } = "";

    public long StoredAt { get; set; }
}
