using Microsoft.Extensions.Logging;
using Optin.Forms.Diagnostics;
using Optin.Forms.Jobs;

namespace Optin.Forms.Consent;

/// <summary>
/// Writes a checkpoint of the ledger's chains to the log once a day (LEDG-1): the digest over every chain head, their
/// count and the time, so that an operator's log store keeps, outside the database, what the ledger was.
/// </summary>
internal sealed class LedgerCheckpointService(LedgerChainService chains, ILogger<LedgerCheckpointService> logger) : PeriodicService(logger)
{
    protected override string Name => "ledger checkpoint";

    protected override TimeSpan Interval => TimeSpan.FromDays(1);

    protected override async ValueTask RunOnceAsync(CancellationToken cancellationToken)
    {
        var checkpoint = await chains.CheckpointAsync(cancellationToken);
        OptinLog.LedgerCheckpoint(logger, checkpoint.Digest, checkpoint.Heads.Count, checkpoint.CreatedAt);
    }
}
