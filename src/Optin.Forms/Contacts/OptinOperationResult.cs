namespace Optin.Forms.Contacts;

/// <summary>The expected outcome of a contact operation: success, or a refusal with a stable code.</summary>
public sealed record OptinOperationResult
{
    private OptinOperationResult()
    {
    }

    /// <summary>Whether the operation did what was asked.</summary>
    public bool Succeeded { get; private init; }

    /// <summary>The refusal's code (<c>OPTIN2xxx</c>), when refused.</summary>
    public string? Code { get; private init; }

    /// <summary>The refusal's description, when refused.</summary>
    public string? Description { get; private init; }

    /// <summary>The contact concerned, when there is one.</summary>
    public Guid? ContactId { get; private init; }

    /// <summary>How many contacts changed.</summary>
    public long Count { get; private init; }

    /// <summary>A success.</summary>
    public static OptinOperationResult Success(Guid? contactId, long count) => new() { Succeeded = true, ContactId = contactId, Count = count };

    /// <summary>A refusal.</summary>
    public static OptinOperationResult Failed(string code, string description, Guid? contactId = null) =>
        new() { Code = code, Description = description, ContactId = contactId };
}
