namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>The stored row of a contact; fields, tags and opt-ins are child rows so that queries stay set-based.</summary>
internal sealed class ContactEntity
{
    public Guid Id { get; set; }

    public int Kind { get; set; }

    public string Email { get; set; } = "";

    public string EmailKey { get; set; } = "";

    public bool ObjectedToMarketing { get; set; }

    public bool ProcessingRestricted { get; set; }

    public long CreatedAt { get; set; }

    public long UpdatedAt { get; set; }

    public long LastActivityAt { get; set; }
}
