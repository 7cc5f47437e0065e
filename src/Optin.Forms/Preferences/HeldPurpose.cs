using NodaTime;

namespace Optin.Forms.Preferences;

/// <summary>One purpose a person holds, as the ledger recorded it when they consented.</summary>
/// <remarks>
/// The texts come from the ledger entry that opted the person in, not from today's configuration: the person sees what
/// they agreed to, even if the owner changed the wording since.
/// </remarks>
public sealed record HeldPurpose
{
    /// <summary>The purpose's id.</summary>
    public required string PurposeId { get; init; }

    /// <summary>Whether the purpose is direct marketing.</summary>
    public bool Marketing { get; init; }

    /// <summary>The consent text recorded when the person consented; null when the ledger holds none.</summary>
    public string? ConsentText { get; init; }

    /// <summary>The purpose text recorded with it.</summary>
    public string? PurposeText { get; init; }

    /// <summary>The version of the purpose's texts recorded with it.</summary>
    public string? PurposeVersion { get; init; }

    /// <summary>The data controller recorded with it.</summary>
    public string? Controller { get; init; }

    /// <summary>When the consent was given (the entry that opted the person in).</summary>
    public required Instant GivenAt { get; init; }
}
