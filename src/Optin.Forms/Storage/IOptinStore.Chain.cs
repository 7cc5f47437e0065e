namespace Optin.Forms.Storage;

/// <content>The ledger's hash chains (LEDG-1).</content>
public partial interface IOptinStore
{
    /// <summary>Reads the ledger's chain heads and the whole ledger, for verification and checkpoints.</summary>
    ILedgerChainReader Chain { get; }
}
