using Optin.Forms.Contacts;

namespace Optin.Forms.Import;

/// <summary>What to import and how (see <see cref="ContactImportService"/>).</summary>
public sealed record ContactImportRequest
{
    /// <summary>Where the contacts come from, for example <c>salon-2026.csv</c>; stored on each contact (GDPR Art. 14(2)(f)).</summary>
    public required string Source { get; init; }

    /// <summary>Who runs the import; stored on each contact.</summary>
    public required string Actor { get; init; }

    /// <summary>The form whose fields the columns map to; when null, the fields of every form.</summary>
    public string? FormId { get; init; }

    /// <summary>The kind of new contacts whose row has no <c>kind</c> value. Default <see cref="ContactKind.Lead"/>.</summary>
    public ContactKind Kind { get; init; } = ContactKind.Lead;

    /// <summary>When set, queues a double opt-in email for this purpose to every imported or updated contact (DOI-1).</summary>
    public string? RequestDoubleOptinFor { get; init; }

    /// <summary>The culture of those emails; the default culture when null.</summary>
    public string? Culture { get; init; }

    /// <summary>Counts what would happen and changes nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>How many rows one store transaction writes. Default 500.</summary>
    public int BatchSize { get; init; } = 500;
}
