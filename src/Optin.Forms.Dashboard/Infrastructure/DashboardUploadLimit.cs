namespace Optin.Forms.Dashboard.Infrastructure;

/// <summary>
/// Endpoint metadata of an upload: the group's filter refuses a body larger than <see cref="MaxBytes"/> (by its
/// <c>Content-Length</c>, or when reading the form fails on its size) with the page's own clear error, before the
/// antiforgery check would read the whole body.
/// </summary>
/// <param name="MaxBytes">The largest file accepted.</param>
/// <param name="WriteTooLargeAsync">Writes the page that says so.</param>
internal sealed record DashboardUploadLimit(long MaxBytes, Func<DashboardRequest, Task> WriteTooLargeAsync)
{
    /// <summary>Room for the multipart envelope and the other fields around the file.</summary>
    public const long EnvelopeBytes = 64 * 1024;
}
