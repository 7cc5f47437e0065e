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
    /// <summary>
    /// The values the post carried, by field name. Until the address is proved they stay with the submission and the
    /// contact's stored fields may be older (ABU-5), so field conditions on this event read them first.
    /// </summary>
    internal ImmutableDictionary<string, string> Values { get; init; } = ImmutableDictionary<string, string>.Empty;
}
