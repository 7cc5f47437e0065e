namespace Optin.Forms.Storage;

/// <content>The ledger's hash chains (LEDG-1).</content>
public partial interface IOptinStore
{
    /// <summary>Reads the ledger's chain heads and the whole ledger, for verification and checkpoints.</summary>
    /// <remarks>A store written before the chain existed does not implement it: verification then fails plainly.</remarks>
    /// <exception cref="NotSupportedException">The store keeps no hash chain.</exception>
    ILedgerChainReader Chain => throw new NotSupportedException($"{GetType().Name} keeps no hash chain of the ledger (LEDG-1).");
}
