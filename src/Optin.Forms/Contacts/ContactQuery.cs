using System.Collections.Immutable;
using NodaTime;

namespace Optin.Forms.Contacts;

/// <summary>
/// A filter over contacts, for listing and for bulk opt-in. Every criterion set must hold; none set matches every
/// contact.
/// </summary>
public sealed record ContactQuery
{
    /// <summary>Only contacts of this kind.</summary>
    public ContactKind? Kind { get; init; }

    /// <summary>Only contacts whose fields hold exactly these values (ordinal comparison).</summary>
    public ImmutableDictionary<string, string> FieldEquals { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>With <see cref="State"/>: the purpose whose state is tested.</summary>
    public string? Purpose { get; init; }

    /// <summary>With <see cref="Purpose"/>: only contacts in this state for that purpose.</summary>
    public OptinState? State { get; init; }

    /// <summary>Only contacts holding this tag.</summary>
    public string? Tag { get; init; }

    /// <summary>Only contacts created at or after this instant.</summary>
    public Instant? CreatedFrom { get; init; }

    /// <summary>Only contacts created strictly before this instant.</summary>
    public Instant? CreatedBefore { get; init; }

    /// <summary>Only contacts last changed at or after this instant.</summary>
    public Instant? UpdatedFrom { get; init; }

    /// <summary>Only contacts last changed strictly before this instant.</summary>
    public Instant? UpdatedBefore { get; init; }

    /// <summary>Only contacts whose last activity is strictly before this instant.</summary>
    public Instant? LastActivityBefore { get; init; }

    /// <summary>Only contacts whose processing is (true) or is not (false) restricted; bulk changes always use false.</summary>
    public bool? ProcessingRestricted { get; init; }

    /// <summary>Whether <paramref name="contact"/> matches; the in-memory store's evaluation, and the reference for others.</summary>
    public bool Matches(Contact contact)
    {
        ArgumentNullException.ThrowIfNull(contact);
        return (Kind is null || contact.Kind == Kind)
            && FieldEquals.All(f => contact.Fields.TryGetValue(f.Key, out var v) && string.Equals(v, f.Value, StringComparison.Ordinal))
            && (State is null || Purpose is null || contact.GetState(Purpose) == State)
            && (Tag is null || contact.Tags.Contains(Tag))
            && (CreatedFrom is null || contact.CreatedAt >= CreatedFrom)
            && (CreatedBefore is null || contact.CreatedAt < CreatedBefore)
            && (UpdatedFrom is null || contact.UpdatedAt >= UpdatedFrom)
            && (UpdatedBefore is null || contact.UpdatedAt < UpdatedBefore)
            && (LastActivityBefore is null || contact.LastActivityAt < LastActivityBefore)
            && (ProcessingRestricted is null || contact.ProcessingRestricted == ProcessingRestricted);
    }
}
