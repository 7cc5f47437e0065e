namespace Optin.Forms.Consent;

/// <summary>Recomputes one contact's chain and compares it with its head and, when given, a checkpoint's head (LEDG-1).</summary>
internal static class ChainCheck
{
    /// <summary>Checks the contact's entries (in sequence order); returns the first problem, or null.</summary>
    public static ChainProblem? Verify(Guid contactId, IReadOnlyList<ConsentEvent> entries, ChainHead? head, ref long chainedCount, ref long unchainedCount)
    {
        var hashes = entries.Where(e => e.Hash is not null).Select(e => e.Hash!).ToHashSet(StringComparer.Ordinal);
        var previous = LedgerChain.Genesis;
        var chain = new List<string>();
        long chained = 0;
        foreach (var e in entries)
        {
            if (e.Hash is null)
            {
                if (chained == 0)
                {
                    unchainedCount++;
                    continue;
                }

                return new ChainProblem(contactId, e.Sequence, ChainProblemKind.HashMismatch,
                    "The entry has no hash although entries before it are chained: its hash was removed.");
            }

            if (!string.Equals(e.PreviousHash, previous, StringComparison.Ordinal))
            {
                return e.PreviousHash is not null && hashes.Contains(e.PreviousHash)
                    ? new ChainProblem(contactId, e.Sequence, ChainProblemKind.BrokenLink,
                        "The entry does not follow the entry before it: entries were reordered.")
                    : new ChainProblem(contactId, e.Sequence, ChainProblemKind.MissingEntry,
                        "The entry this one follows is no longer in the ledger: an entry before it was deleted.");
            }

            if (!string.Equals(LedgerChain.ComputeHash(e, previous), e.Hash, StringComparison.Ordinal))
            {
                return new ChainProblem(contactId, e.Sequence, ChainProblemKind.HashMismatch,
                    "The entry's content does not match its hash: it was changed after it was appended.");
            }

            previous = e.Hash;
            chain.Add(e.Hash);
            chained++;
            chainedCount++;
        }

        if (head is null)
        {
            return chained == 0 ? null : new ChainProblem(contactId, null, ChainProblemKind.MissingEntry,
                "The contact's chain head is missing.");
        }

        // Entries appended after the head was read (a verification of a live ledger) follow it: the head stays in place.
        return head.Length >= 1 && head.Length <= chained && string.Equals(chain[(int)(head.Length - 1)], head.Hash, StringComparison.Ordinal)
            ? null
            : new ChainProblem(contactId, null, ChainProblemKind.MissingEntry,
                $"The chain head records {head.Length} entries; the ledger holds {chained} that chain: entries at the end were deleted.");
    }

    /// <summary>
    /// Whether the head a checkpoint recorded still sits at the same position of the contact's chain, or the contact was
    /// erased since (its chain is now a tombstone appended after the checkpoint); the problem otherwise.
    /// </summary>
    public static ChainProblem? Matches(Guid contactId, IReadOnlyList<ConsentEvent> entries, ChainHead recorded, LedgerCheckpoint checkpoint)
    {
        var chained = entries.Where(e => e.Hash is not null).ToList();
        if (recorded.Length >= 1 && recorded.Length <= chained.Count
            && string.Equals(chained[(int)(recorded.Length - 1)].Hash, recorded.Hash, StringComparison.Ordinal))
        {
            return null;
        }

        if (chained.Count > 0 && chained[0].Kind == ConsentEventKind.Erased && chained[0].OccurredAt >= checkpoint.CreatedAt)
        {
            return null;
        }

        var at = recorded.Length >= 1 && recorded.Length <= chained.Count ? chained[(int)(recorded.Length - 1)].Sequence : (long?)null;
        return new ChainProblem(contactId, at, ChainProblemKind.CheckpointMismatch,
            $"The checkpoint of {checkpoint.CreatedAt} recorded entry {recorded.Length} of this chain with another hash: the ledger was rewritten before it.");
    }
}
