namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>
/// One consent proof in the intermediate archive (RET-4): a table of its own, with no key shared with the active tables,
/// so that nothing that reads contacts or the ledger reaches it.
/// </summary>
internal sealed class ArchivedProofEntity
{
    public Guid ContactId { get; set; }

    public long ArchivedAt { get; set; }

    public long KeepUntil { get; set; }

    /// <summary>The evidence document as JSON.</summary>
    public string Document { get; set; } = "";
}
