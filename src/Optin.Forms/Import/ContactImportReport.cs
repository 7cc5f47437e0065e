using System.Collections.Immutable;

namespace Optin.Forms.Import;

/// <summary>What an import did, in counts and line numbers; never an address.</summary>
public sealed record ContactImportReport
{
    /// <summary>The most invalid rows listed in <see cref="Invalid"/>; <see cref="InvalidCount"/> counts them all.</summary>
    public const int MaxListedErrors = 1000;

    /// <summary>Whether nothing was changed.</summary>
    public bool DryRun { get; init; }

    /// <summary>Why the whole file was refused (nothing stored), or null.</summary>
    public ImportRowError? Refused { get; init; }

    /// <summary>New contacts created.</summary>
    public int Imported { get; init; }

    /// <summary>Existing contacts updated (matched on the address comparison key).</summary>
    public int Updated { get; init; }

    /// <summary>Rows skipped because the address is on the suppression list (RET-3).</summary>
    public int SkippedSuppressed { get; init; }

    /// <summary>The lines of the first <see cref="MaxListedErrors"/> rows skipped as suppressed (lines, never the addresses).</summary>
    public ImmutableArray<int> SuppressedLines { get; init; } = [];

    /// <summary>Rows skipped as invalid.</summary>
    public int InvalidCount { get; init; }

    /// <summary>The first <see cref="MaxListedErrors"/> invalid rows, with line numbers.</summary>
    public ImmutableArray<ImportRowError> Invalid { get; init; } = [];

    /// <summary>Header columns that are neither <c>email</c>, <c>kind</c> nor a form field, and were ignored.</summary>
    public ImmutableArray<string> IgnoredColumns { get; init; } = [];

    /// <summary>Double opt-in emails queued.</summary>
    public int DoubleOptinRequested { get; init; }
}
