namespace Optin.Forms.EntityFrameworkCore.Entities;

/// <summary>
/// A contact's chain head (LEDG-1): the hash of its last ledger entry and how many entries chain. Appends lock and move
/// it in their transaction, so concurrent appends to one contact queue up instead of forking the chain.
/// </summary>
internal sealed class ChainHeadEntity
{
    public Guid ContactId { get; set; }

    public string HeadHash { get; set; } = "";

    public long Length { get; set; }
}
