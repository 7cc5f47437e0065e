namespace Optin.Forms.Consent;

/// <summary>The result of recomputing the ledger's hash chains (LEDG-1).</summary>
public sealed record ChainVerificationReport
{
    /// <summary>How many contacts' chains were checked.</summary>
    public required long Contacts { get; init; }

    /// <summary>How many chained entries were recomputed.</summary>
    public required long Entries { get; init; }

    /// <summary>
    /// How many entries were stored before the chain existed (no hash): they are reported, not verified
    /// (see <c>docs/ledger-chain.md</c>).
    /// </summary>
    public required long Unchained { get; init; }

    /// <summary>The first broken entry of each broken chain, by contact id.</summary>
    public required IReadOnlyList<ChainProblem> Problems { get; init; }

    /// <summary>The first broken entry found, or null when every chain verifies.</summary>
    public ChainProblem? FirstBroken => Problems.Count == 0 ? null : Problems[0];

    /// <summary>Whether every chain verifies.</summary>
    public bool IsIntact => Problems.Count == 0;
}
