using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Optin.Forms.Consent;
using Optin.Forms.EntityFrameworkCore.Entities;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <content>The ledger's hash chains (LEDG-1): heads and the whole ledger, streamed, for verification and checkpoints.</content>
internal sealed partial class EntityFrameworkCoreOptinStore : ILedgerChainReader
{
    public ILedgerChainReader Chain => this;

    public async IAsyncEnumerable<ChainHead> ReadHeadsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var rows = lease.Context.Set<ChainHeadEntity>().AsNoTracking().AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return new ChainHead(row.ContactId, row.HeadHash, row.Length);
        }
    }

    public async ValueTask<ChainHead?> FindHeadAsync(Guid contactId, CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var row = await lease.Context.Set<ChainHeadEntity>().AsNoTracking().FirstOrDefaultAsync(h => h.ContactId == contactId, cancellationToken);
        return row is null ? null : new ChainHead(row.ContactId, row.HeadHash, row.Length);
    }

    public async IAsyncEnumerable<ConsentEvent> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var lease = await source.CreateAsync(cancellationToken);
        var rows = lease.Context.Set<ConsentEventEntity>().AsNoTracking()
            .OrderBy(e => e.ContactId).ThenBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return EntityMapper.ToEvent(row);
        }
    }
}
