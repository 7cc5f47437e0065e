using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Storage;

/// <summary>
/// The transaction's parts (<see cref="IOptinTransaction"/>): the transaction itself, each part's members implemented
/// explicitly where their statements are (EntityFrameworkCoreOptinTransaction.*.cs).
/// </summary>
internal sealed partial class EntityFrameworkCoreOptinTransaction : IContactWriter, IConsentLedgerWriter, IEvidenceArchiveWriter, ISubmissionWriter, IJobWriter, ITokenWriter, ISuppressionWriter,
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
