namespace Optin.Forms.Preferences;

/// <summary>What the preference page shows: the masked address and each purpose the person holds.</summary>
/// <remarks>The address is masked (<c>j•••@example.fr</c>): a forwarded email must not reveal it in full (WD-7).</remarks>
public sealed record PreferencePage
{
    /// <summary>The address, masked: the first character of the local part, then <c>•••</c>, then the domain.</summary>
    public required string MaskedEmail { get; init; }

    /// <summary>The culture of the email that carried the link, if known (the page answers in it unless asked otherwise).</summary>
    public string? Culture { get; init; }

    /// <summary>Whether the person objected to direct marketing.</summary>
    public bool ObjectedToMarketing { get; init; }

    /// <summary>Each purpose the person holds (opted in), ordered by purpose id.</summary>
    public required IReadOnlyList<HeldPurpose> Purposes { get; init; }
}
