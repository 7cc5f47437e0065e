namespace Optin.Forms.Import;

/// <summary>One CSV record: the line it starts on, its fields, and why it is malformed, if it is.</summary>
internal sealed record CsvRecord(int Line, IReadOnlyList<string> Fields, string? Error);
