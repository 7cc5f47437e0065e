using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Rules;

/// <summary>A form was submitted and stored.</summary>
/// <param name="ContactId">The contact the submission was attached to.</param>
/// <param name="OccurredAt">When it was received.</param>
/// <param name="FormId">The form.</param>
/// <param name="SubmissionId">The stored submission.</param>
/// <param name="Culture">The submission's culture, used end to end (emails, pages).</param>
/// <param name="ConsentsGiven">The purposes consented to.</param>
/// <param name="ContactCreated">Whether the address was new.</param>
public sealed record FormSubmitted(Guid ContactId, Instant OccurredAt, string FormId, Guid SubmissionId, string Culture,
    ImmutableArray<string> ConsentsGiven, bool ContactCreated) : OptinEvent(ContactId, OccurredAt)
{
    /// <summary>The values posted (declared fields, the address included), by field name.</summary>
    /// <remarks>
    /// Conditions on fields read these over the contact's fields: for an address already known, the posted values stay
    /// with the submission and reach the contact only once the person confirms a double opt-in sent for it (ABU-5).
    /// </remarks>
    public ImmutableDictionary<string, string> Values { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The slug of the landing page the form was posted from, when it was one.</summary>
    public string? LandingPage { get; init; }

    /// <summary>The A/B variant, UTM values and referrer host the submission came with (<c>VariantIs</c>, <c>SourceIs</c>), or <see langword="null"/>.</summary>
    public Submissions.SubmissionAttribution? Attribution { get; init; }
}
