using Optin.Forms.Submissions;

namespace Optin.Forms.Storage;

/// <summary>Reads stored submissions.</summary>
public interface ISubmissionReader
{
    /// <summary>The submission with this id, or <see langword="null"/>.</summary>
    ValueTask<SubmissionRecord?> FindAsync(Guid submissionId, CancellationToken cancellationToken);

    /// <summary>Streams a contact's submissions, oldest first.</summary>
    IAsyncEnumerable<SubmissionRecord> ListByContactAsync(Guid contactId, CancellationToken cancellationToken);

    /// <summary>
    /// Streams a form's submissions, newest first (then by id, descending), skipping <paramref name="offset"/> and
    /// yielding at most <paramref name="limit"/>: a page of the back office's entries, or the whole export.
    /// </summary>
    /// <param name="formId">The form.</param>
    /// <param name="offset">How many to skip (0 or more).</param>
    /// <param name="limit">How many at most (1 or more; <see cref="int.MaxValue"/> for all).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    IAsyncEnumerable<SubmissionRecord> ListByFormAsync(string formId, int offset, int limit, CancellationToken cancellationToken);

    /// <summary>Counts a form's submissions.</summary>
    ValueTask<long> CountByFormAsync(string formId, CancellationToken cancellationToken);
}
