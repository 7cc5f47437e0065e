namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>A contact's opt-in for one purpose; a missing row means <c>None</c>.</summary>
internal sealed class ContactOptinEntity
{
    public Guid ContactId { get; set; }

    /// <summary>The purpose id in lower case (invariant): purpose ids compare case-insensitively.</summary>
    public string PurposeKey { get; set; } = "";

    /// <summary>The purpose id as written.</summary>
    public string PurposeId { get; set; } = "";

    public int State { get; set; }

    public long ChangedAt { get; set; }
}
