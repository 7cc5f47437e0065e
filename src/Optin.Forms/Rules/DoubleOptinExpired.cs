using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Rules;

/// <summary>A pending opt-in was not confirmed within the configured window (DOI-5).</summary>
/// <param name="ContactId">The contact.</param>
/// <param name="OccurredAt">When the sweep found it.</param>
/// <param name="PurposeId">The purpose that stayed unconfirmed.</param>
/// <remarks>
/// An opt-in given in a submission carries it (its form, landing page and values, read before any erasure), so that
/// <c>FormIs</c> and <c>FieldEquals</c> work on it; one asked for by hand carries none.
/// </remarks>
public sealed record DoubleOptinExpired(Guid ContactId, Instant OccurredAt, string PurposeId) : OptinEvent(ContactId, OccurredAt)
{
    /// <summary>The form of the submission that gave the opt-in, or <see langword="null"/>.</summary>
    public string? FormId { get; init; }

    /// <summary>The submission that gave the opt-in, or <see langword="null"/>.</summary>
    public Guid? SubmissionId { get; init; }

    /// <summary>The slug of the landing page the submission was posted from, when it was one.</summary>
    public string? LandingPage { get; init; }

    /// <summary>The A/B variant, UTM values and referrer host the submission came with (<c>VariantIs</c>, <c>SourceIs</c>), or <see langword="null"/>.</summary>
    public Submissions.SubmissionAttribution? Attribution { get; init; }

    /// <summary>The values posted with that submission, by field name.</summary>
    public ImmutableDictionary<string, string> Values { get; init; } = ImmutableDictionary<string, string>.Empty;
}
