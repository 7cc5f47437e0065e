namespace Optin.Forms.Storage;

public sealed partial class InMemoryOptinStore
{
    /// <summary>
    /// The transaction's parts (<see cref="IOptinTransaction"/>): the transaction itself, each part's members implemented
    /// explicitly where their statements are (Transaction.*.cs).
    /// </summary>
    private sealed partial class Transaction : IContactWriter, IConsentLedgerWriter, IEvidenceArchiveWriter, ISubmissionWriter, IJobWriter, ITokenWriter, ISuppressionWriter,
        ICounterWriter, ISettingWriter, IArchivedProofWriter, IRetentionWriter
    {
        public IContactWriter Contacts => this;

        public IConsentLedgerWriter Ledger => this;

        public IEvidenceArchiveWriter Archive => this;

        public ISubmissionWriter Submissions => this;

        public IJobWriter Jobs => this;

        public ITokenWriter Tokens => this;

        public ISuppressionWriter Suppression => this;

        public ICounterWriter Counters => this;

        public ISettingWriter Settings => this;

        public IArchivedProofWriter ArchivedProofs => this;

        public IRetentionWriter Retention => this;
    }
}
