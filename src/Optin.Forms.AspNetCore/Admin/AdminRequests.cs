using NodaTime;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Admin;

/// <summary>A contact filter as the admin API receives it; every member is optional and they combine with AND.</summary>
internal sealed record AdminQuery
{
    public ContactKind? Kind { get; init; }

    public Dictionary<string, string>? Fields { get; init; }

    public string? Purpose { get; init; }

    public OptinState? State { get; init; }

    public string? Tag { get; init; }

    public Instant? CreatedFrom { get; init; }

    public Instant? CreatedBefore { get; init; }

    public Instant? LastActivityBefore { get; init; }

    public ContactQuery ToContactQuery() => new()
    {
        Kind = Kind,
        FieldEquals = Fields is null ? [] : System.Collections.Immutable.ImmutableDictionary.CreateRange(Fields),
        Purpose = Purpose,
        State = State,
        Tag = Tag,
        CreatedFrom = CreatedFrom,
        CreatedBefore = CreatedBefore,
        LastActivityBefore = LastActivityBefore,
    };
}

/// <summary>Body of <c>POST admin/contacts/search</c>: one exact address, or a filter, with paging.</summary>
internal sealed record AdminSearchRequest
{
    public string? Email { get; init; }

    public AdminQuery? Query { get; init; }

    public int? Limit { get; init; }

    public int? Offset { get; init; }
}

/// <summary>Body of <c>PUT admin/contacts/{id}/optins/{purposeId}</c>.</summary>
internal sealed record AdminOptinRequest
{
    public OptinState? State { get; init; }

    public string? Reason { get; init; }

    public string? LegalBasis { get; init; }

    public string? Actor { get; init; }
}

/// <summary>Body of <c>POST admin/bulk-optin</c>: a dry run counts; a real run must repeat that count.</summary>
internal sealed record AdminBulkRequest
{
    public AdminQuery? Query { get; init; }

    public string? PurposeId { get; init; }

    public OptinState? State { get; init; }

    public string? Reason { get; init; }

    public string? LegalBasis { get; init; }

    public string? Actor { get; init; }

    public bool DryRun { get; init; }

    public long? ExpectedCount { get; init; }
}

/// <summary>Body of <c>POST admin/suppression</c> and <c>POST admin/suppression/lookup</c>.</summary>
internal sealed record AdminSuppressionRequest
{
    public string? Email { get; init; }

    public string? Reason { get; init; }

    public int? Days { get; init; }
}

/// <summary>Body of <c>POST admin/contacts/{id}/objection</c> and <c>…/double-optin/{purposeId}</c>.</summary>
internal sealed record AdminActorRequest
{
    public string? Actor { get; init; }

    /// <summary>Why the operator asks for double opt-in (required by <c>…/double-optin/{purposeId}</c>, recorded in the ledger).</summary>
    public string? Reason { get; init; }

    public string? Culture { get; init; }
}

/// <summary>Body of <c>POST admin/contacts/{id}/erase</c>, <c>PUT …/email</c> and <c>PUT …/restriction</c>.</summary>
internal sealed record AdminRightsRequest
{
    public string? Reason { get; init; }

    public string? Actor { get; init; }

    public string? Email { get; init; }

    public bool? Restricted { get; init; }

    // Erasure (DSR-5): the reference of the request kept on the tombstone, next to the reason code.
    public string? Reference { get; init; }
}
