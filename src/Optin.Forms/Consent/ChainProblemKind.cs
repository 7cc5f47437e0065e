namespace Optin.Forms.Consent;

/// <summary>What is wrong with a ledger chain (LEDG-1).</summary>
public enum ChainProblemKind
{
    /// <summary>The entry's stored hash is not the hash of its content: the entry was changed after it was appended.</summary>
    HashMismatch,

    /// <summary>The entry does not follow the entry before it: entries were reordered, or an entry was put in.</summary>
    BrokenLink,

    /// <summary>An entry the chain refers to is gone (deleted in the middle or at the end, or its hash removed).</summary>
    MissingEntry,

    /// <summary>The ledger no longer holds the head a checkpoint recorded at the same position.</summary>
    CheckpointMismatch,
}
