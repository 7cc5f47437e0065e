namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>One tag of a contact.</summary>
internal sealed class ContactTagEntity
{
    public Guid ContactId { get; set; }

    public string Tag { get; set; } = "";
}
