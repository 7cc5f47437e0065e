using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Rules;

/// <summary>A person confirmed an opt-in through the double opt-in link.</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="PurposeId">The purpose confirmed.</param>
/// <param name="Culture">The culture of the confirmation email, used for what follows (the welcome email).</param>
/// <remarks>
/// A confirmation that answers a submission carries it (its form, landing page and values), so that <c>FormIs</c> and
/// <c>FieldEquals</c> work on it; one asked for by hand carries none.
/// </remarks>
public sealed record OptinConfirmed(Guid ContactId, Instant OccurredAt, string PurposeId, string? Culture)
    : OptinEvent(ContactId, OccurredAt)
{
    /// <summary>The form of the submission confirmed, or <see langword="null"/> for a double opt-in asked for by hand.</summary>
    public string? FormId { get; init; }

    /// <summary>The submission confirmed, or <see langword="null"/> for a double opt-in asked for by hand.</summary>
    public Guid? SubmissionId { get; init; }

    /// <summary>The slug of the landing page the submission was posted from, when it was one.</summary>
    public string? LandingPage { get; init; }

    /// <summary>The A/B variant, UTM values and referrer host the submission came with (<c>VariantIs</c>, <c>SourceIs</c>), or <see langword="null"/>.</summary>
    public Submissions.SubmissionAttribution? Attribution { get; init; }

    /// <summary>The values posted with the submission confirmed (declared fields, the address included), by field name.</summary>
    public ImmutableDictionary<string, string> Values { get; init; } = ImmutableDictionary<string, string>.Empty;
}
