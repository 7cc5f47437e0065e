using Optin.Forms.Submissions;

namespace Optin.Forms.Storage;

/// <summary>The submissions part of an <see cref="IOptinTransaction"/>.</summary>
public interface ISubmissionWriter
{
    /// <summary>Adds a submission; it commits with the contact and the consent events it produced (invariant 3).</summary>
    /// <param name="submission">The submission.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask AddAsync(SubmissionRecord submission, CancellationToken cancellationToken);
}
