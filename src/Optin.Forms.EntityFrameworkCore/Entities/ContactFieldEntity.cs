namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>One field value of a contact.</summary>
internal sealed class ContactFieldEntity
{
    public Guid ContactId { get; set; }

    public string Name { get; set; } = "";

    public string Value { get; set; } = "";
}
