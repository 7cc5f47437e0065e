namespace Optin.Forms.Submissions;

/// <summary>Where a submission came from. Nothing here is trusted: it is kept as proof, as configured.</summary>
/// <param name="Culture">The culture the form was shown in (<c>fr</c>, <c>en-GB</c>); the default culture when null.</param>
/// <param name="SourceUrl">The page the form was on.</param>
/// <param name="IpAddress">The client's IP address.</param>
/// <param name="UserAgent">The client's user agent.</param>
public sealed record SubmissionContext(string? Culture = null, string? SourceUrl = null, string? IpAddress = null, string? UserAgent = null)
{
    /// <summary>A context with nothing known.</summary>
    public static SubmissionContext Empty { get; } = new();

    /// <summary>
    /// How the data came: <see cref="Consent.ConsentMethod.Form"/> (default) for a post of a form the library rendered,
    /// <see cref="Consent.ConsentMethod.Api"/> for a program's post (JSON), which the ledger records without claiming
    /// that a person saw the texts (EVD-1). Other values count as <see cref="Consent.ConsentMethod.Form"/>.
    /// </summary>
    public Consent.ConsentMethod Method { get; init; } = Consent.ConsentMethod.Form;

    /// <summary>
    /// The landing page, variant and UTM values the visit came with, as the web layer read them (the landing page and
    /// variant from a signed hidden field). The pipeline cleans them (<see cref="SubmissionAttribution.Clean"/>).
    /// </summary>
    public SubmissionAttribution? Attribution { get; init; }
}
