using System.Collections.Immutable;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.Import;

/// <summary>The header's mapping of columns to the address, the kind and form fields; validates rows against it.</summary>
internal sealed class ImportColumns
{
    private const string EmailColumn = "email";
    private const string KindColumn = "kind";

    private static readonly System.Buffers.SearchValues<char> NumberLike = System.Buffers.SearchValues.Create("0123456789 .()/-");

    private readonly int _count;
    private readonly int _email;
    private readonly int _kind;
    private readonly (int Index, FieldDefinition Field)[] _fields;

    private ImportColumns(int count, int email, int kind, (int, FieldDefinition)[] fields, ImmutableArray<string> ignored)
    {
        _count = count;
        _email = email;
        _kind = kind;
        _fields = fields;
        Ignored = ignored;
    }

    public ImmutableArray<string> Ignored { get; }

    /// <summary>Why the last row given to <see cref="Parse"/> was refused.</summary>
    public ImportRowError? LastError { get; private set; }

    public static (ImportColumns? Columns, ImportRowError? Refusal) Map(CsvRecord? header, ImmutableDictionary<string, FieldDefinition> fields)
    {
        if (header is null)
        {
            return (null, new(1, ImportCodes.EmptyFile, "The file is empty."));
        }

        if (header.Error is { } error)
        {
            return (null, new(header.Line, ImportCodes.MalformedRecord, $"The header is not valid CSV: {error}."));
        }

        int email = -1, kind = -1;
        var mapped = new List<(int, FieldDefinition)>();
        var ignored = ImmutableArray.CreateBuilder<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            var name = header.Fields[i].Trim();
            if (name.Length > 0 && !seen.Add(name))
            {
                return (null, new(header.Line, ImportCodes.DuplicateColumn, $"The column '{Printable(name)}' appears twice."));
            }

            if (name.Equals(EmailColumn, StringComparison.OrdinalIgnoreCase))
            {
                email = i;
            }
            else if (name.Equals(KindColumn, StringComparison.OrdinalIgnoreCase))
            {
                kind = i;
            }
            else if (fields.TryGetValue(name, out var field))
            {
                mapped.Add((i, field));
            }
            else
            {
                ignored.Add(Printable(name));
            }
        }

        return email < 0
            ? (null, new(header.Line, ImportCodes.MissingEmailColumn, "The header has no 'email' column."))
            : (new ImportColumns(header.Fields.Count, email, kind, [.. mapped], ignored.ToImmutable()), null);
    }

    /// <summary>The row, or null with <see cref="LastError"/> set.</summary>
    public ImportRow? Parse(CsvRecord record)
    {
        LastError = Check(record, out var row);
        return row;
    }

    private ImportRowError? Check(CsvRecord record, out ImportRow? row)
    {
        row = null;
        if (record.Error is { } malformed)
        {
            return new(record.Line, ImportCodes.MalformedRecord, $"Not valid CSV: {malformed}.");
        }

        if (record.Fields.Count != _count)
        {
            return new(record.Line, ImportCodes.WrongFieldCount, $"{record.Fields.Count} field(s) where the header has {_count}.");
        }

        if (!EmailAddressNormalizer.TryNormalize(record.Fields[_email], out var email, out var code))
        {
            return new(record.Line, code, "The 'email' column does not hold one valid address.");
        }

        ContactKind? kind = null;
        if (_kind >= 0 && record.Fields[_kind].Trim() is { Length: > 0 } kindText)
        {
            if (!Enum.TryParse<ContactKind>(kindText, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed) || char.IsAsciiDigit(kindText[0]))
            {
                return new(record.Line, ImportCodes.UnknownKind, "The 'kind' column must be Lead, Contact or Account.");
            }

            kind = parsed;
        }

        var values = ImmutableDictionary.CreateBuilder<string, string>();
        foreach (var (index, field) in _fields)
        {
            if (string.IsNullOrWhiteSpace(record.Fields[index]))
            {
                continue;
            }

            if (IsFormulaLike(record.Fields[index]))
            {
                return new(record.Line, ImportCodes.FormulaLikeValue, $"Column '{field.Name}': the value begins like a spreadsheet formula.");
            }

            // A checkbox group or multi-select holds one value per line in a cell, as the exports write it.
            var (value, error) = FieldValidator.Validate(field,
                field.IsMultiValued ? record.Fields[index].Split(FieldDefinition.ValueSeparator) : [record.Fields[index]]);
            if (error is not null)
            {
                return new(record.Line, error.Code, $"Column '{field.Name}': {error.Message}");
            }

            if (value is not null)
            {
                values[field.Name] = value;
            }
        }

        row = new ImportRow(record.Line, email, kind, values.ToImmutable());
        return null;
    }

    /// <summary>
    /// Whether a value would run as a formula in spreadsheet software. A leading <c>+</c> or <c>-</c> followed only by
    /// digits, spaces and <c>. ( ) / -</c> is a phone number or a signed number, and allowed.
    /// </summary>
    internal static bool IsFormulaLike(string value)
    {
        var text = value.TrimStart(' ');
        if (text.Length == 0)
        {
            return false;
        }

        return text[0] switch
        {
            '=' or '@' or '\t' or '\r' => true,
            '+' or '-' => text.Length > 1 && text.AsSpan(1).ContainsAnyExcept(NumberLike),
            _ => false,
        };
    }

    private static string Printable(string name)
    {
        var clean = new string([.. name.Where(c => !char.IsControl(c))]);
        return clean.Length > 64 ? clean[..64] : clean;
    }
}
