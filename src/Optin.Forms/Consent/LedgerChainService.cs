using NodaTime;
using Optin.Forms.Storage;

namespace Optin.Forms.Consent;

/// <summary>
/// Verifies the ledger's hash chains and takes checkpoints (LEDG-1): <c>optin verify</c>, <c>optin checkpoint</c>, the
/// admin endpoints and the daily checkpoint log line use it.
/// </summary>
/// <remarks>
/// Entries stored before the chain existed have no hash: they are counted as unchained and not verified. An erased
/// contact's tombstone starts a chain of its own, so an erasure leaves every other chain, and the tombstone's, verifiable.
/// </remarks>
public sealed class LedgerChainService(IOptinStore store, IClock clock)
{
    /// <summary>Recomputes every chain (or one contact's) and, when given, checks the heads a checkpoint recorded.</summary>
    /// <param name="contactId">One contact, or null for the whole ledger.</param>
    /// <param name="checkpoint">A checkpoint to check against, or null.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report; <see cref="ChainVerificationReport.FirstBroken"/> names the first broken entry.</returns>
    public async ValueTask<ChainVerificationReport> VerifyAsync(Guid? contactId, LedgerCheckpoint? checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        var recorded = checkpoint?.Heads.Where(h => contactId is null || h.ContactId == contactId).ToDictionary(h => h.ContactId);
        var problems = new List<ChainProblem>();
        long contacts = 0, chained = 0, unchained = 0;

        void Check(Guid id, List<ConsentEvent> entries, ChainHead? head)
        {
            contacts++;
            var problem = ChainCheck.Verify(id, entries, head, ref chained, ref unchained);
            if (recorded is not null && recorded.Remove(id, out var then))
            {
                problem ??= ChainCheck.Matches(id, entries, then, checkpoint!);
            }

            if (problem is not null)
            {
                problems.Add(problem);
            }
        }

        if (contactId is { } one)
        {
            var (head, entries) = await ReadChainAsync(one, cancellationToken);
            if (entries.Count > 0 || head is not null || recorded?.ContainsKey(one) == true)
            {
                Check(one, entries, head);
            }
        }
        else
        {
            var heads = new Dictionary<Guid, ChainHead>();
            await foreach (var head in store.Chain.ReadHeadsAsync(cancellationToken))
            {
                heads[head.ContactId] = head;
            }

            // The heads were read before the entries, so entries appended meanwhile only extend a chain past its head. A
            // contact that looks broken (its chain started or was erased meanwhile) is read again, head first, alone.
            async ValueTask CheckGroupAsync(List<ConsentEvent> group)
            {
                var id = group[0].ContactId;
                var head = heads.Remove(id, out var h) ? h : null;
                long ignored = 0;
                if (ChainCheck.Verify(id, group, head, ref ignored, ref ignored) is not null)
                {
                    (head, group) = await ReadChainAsync(id, cancellationToken);
                }

                Check(id, group, head);
            }

            var group = new List<ConsentEvent>();
            await foreach (var e in store.Chain.ReadAllAsync(cancellationToken))
            {
                if (group.Count > 0 && group[0].ContactId != e.ContactId)
                {
                    await CheckGroupAsync(group);
                    group = [];
                }

                group.Add(e);
            }

            if (group.Count > 0)
            {
                await CheckGroupAsync(group);
            }

            foreach (var head in heads.Values)
            {
                Check(head.ContactId, [], head);
            }
        }

        foreach (var gone in recorded?.Values ?? Enumerable.Empty<ChainHead>())
        {
            problems.Add(new ChainProblem(gone.ContactId, null, ChainProblemKind.CheckpointMismatch,
                $"The checkpoint of {checkpoint!.CreatedAt} recorded this contact's chain; the ledger no longer holds it, not even a tombstone."));
        }

        problems.Sort((a, b) => string.CompareOrdinal(a.ContactId.ToString("D"), b.ContactId.ToString("D")));
        return new ChainVerificationReport { Contacts = contacts, Entries = chained, Unchained = unchained, Problems = problems };
    }

    /// <summary>One contact's head, then its entries: read in that order, appends meanwhile only extend the chain past the head.</summary>
    private async ValueTask<(ChainHead? Head, List<ConsentEvent> Entries)> ReadChainAsync(Guid contactId, CancellationToken cancellationToken)
    {
        var head = await store.Chain.FindHeadAsync(contactId, cancellationToken);
        var entries = new List<ConsentEvent>();
        await foreach (var e in store.Ledger.ReadAsync(contactId, cancellationToken))
        {
            entries.Add(e);
        }

        return (head, entries);
    }

    /// <summary>Takes a checkpoint: every chain head now, and the digest over them.</summary>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The checkpoint.</returns>
    public async ValueTask<LedgerCheckpoint> CheckpointAsync(CancellationToken cancellationToken)
    {
        var heads = new List<ChainHead>();
        await foreach (var head in store.Chain.ReadHeadsAsync(cancellationToken))
        {
            heads.Add(head);
        }

        return LedgerCheckpoint.Of(heads, clock.GetCurrentInstant());
    }
}
