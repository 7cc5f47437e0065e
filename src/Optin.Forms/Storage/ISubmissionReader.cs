using Optin.Forms.Submissions;

namespace Optin.Forms.Storage;

/// <summary>Reads stored submissions.</summary>
public interface ISubmissionReader
{
    /// <summary>The submission with this id, or <see langword="null"/>.</summary>
    ValueTask<SubmissionRecord?> FindAsync(Guid submissionId, CancellationToken cancellationToken);

    /// <summary>Streams a contact's submissions, oldest first.</summary>
    IAsyncEnumerable<SubmissionRecord> ListByContactAsync(Guid contactId, CancellationToken cancellationToken);
}
