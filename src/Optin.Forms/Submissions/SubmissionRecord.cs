using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Submissions;

/// <summary>A stored, accepted form submission.</summary>
public sealed record SubmissionRecord
{
    /// <summary>The submission's id.</summary>
    public required Guid Id { get; init; }

    /// <summary>The form posted.</summary>
    public required string FormId { get; init; }

    /// <summary>The version of that form.</summary>
    public required string FormVersion { get; init; }

    /// <summary>The contact it was attached to.</summary>
    public required Guid ContactId { get; init; }

    /// <summary>When it was received.</summary>
    public required Instant ReceivedAt { get; init; }

    /// <summary>The culture it was made in.</summary>
    public required string Culture { get; init; }

    /// <summary>The accepted field values (declared fields only), by field name.</summary>
    public ImmutableDictionary<string, string> Values { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>The purposes consented to, in form order.</summary>
    public ImmutableArray<string> ConsentsGiven { get; init; } = [];

    /// <summary>The page the form was on.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>The IP address as configured.</summary>
    public string? IpAddress { get; init; }

    /// <summary>The user agent as configured.</summary>
    public string? UserAgent { get; init; }

    /// <summary>The landing page, A/B variant, UTM values and referrer host it came with, or <see langword="null"/>.</summary>
    public SubmissionAttribution? Attribution { get; init; }
}
