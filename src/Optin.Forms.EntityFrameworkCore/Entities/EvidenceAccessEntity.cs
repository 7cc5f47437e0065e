namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>One read of a person's evidence or export (EVD-1); append-only, kept after erasure (contact id only).</summary>
internal sealed class EvidenceAccessEntity
{
    public long Position { get; set; }

    public Guid Id { get; set; }

    public Guid ContactId { get; set; }

    public string Actor { get; set; } = "";

    public string Action { get; set; } = "";

    public long At { get; set; }
}
