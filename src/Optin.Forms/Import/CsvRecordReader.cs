using System.Text;

namespace Optin.Forms.Import;

/// <summary>
/// Streams RFC 4180 records: fields separated by a comma (or a semicolon, detected on the header line), quoted
/// fields with doubled quotes, embedded delimiters and line breaks, CRLF or LF line ends. UTF-8 with or without BOM.
/// </summary>
/// <remarks>A malformed record (a stray quote, an unclosed quote, an oversized field) is returned with an error, not thrown.</remarks>
internal sealed class CsvRecordReader
{
    public const int MaxFieldLength = 16 * 1024;
    public const int MaxFields = 256;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[8192];
    private int _length;
    private int _position;
    private int _line = 1;
    private char _delimiter = ',';

    public CsvRecordReader(TextReader reader) => _reader = reader;

    public char Delimiter => _delimiter;

    /// <summary>Reads the header record, choosing the delimiter from it: a semicolon when it has more of them than commas.</summary>
    public async ValueTask<CsvRecord?> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        if (!await FillAsync(cancellationToken))
        {
            return null;
        }

        int commas = 0, semicolons = 0;
        var quoted = false;
        for (var i = _position; i < _length && (quoted || _buffer[i] is not ('\r' or '\n')); i++)
        {
            switch (_buffer[i])
            {
                case '"': quoted = !quoted; break;
                case ',' when !quoted: commas++; break;
                case ';' when !quoted: semicolons++; break;
            }
        }

        _delimiter = semicolons > commas ? ';' : ',';
        return await ReadAsync(cancellationToken);
    }

    /// <summary>The next record, or null at the end. Blank lines are skipped.</summary>
    public async ValueTask<CsvRecord?> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_position >= _length && !await FillAsync(cancellationToken))
            {
                return null;
            }

            var startLine = _line;
            var fields = new List<string>();
            var field = new StringBuilder();
            string? error = null;
            var quoted = false;
            var wasQuoted = false;
            var ended = false;
            while (!ended)
            {
                if (_position >= _length && !await FillAsync(cancellationToken))
                {
                    if (quoted)
                    {
                        error ??= "a quoted field is not closed";
                    }

                    break;
                }

                var c = _buffer[_position++];
                if (quoted)
                {
                    if (c == '"')
                    {
                        if (_position >= _length && !await FillAsync(cancellationToken))
                        {
                            quoted = false;
                            continue;
                        }

                        if (_buffer[_position] == '"')
                        {
                            _position++;
                            Append(field, '"', ref error);
                        }
                        else
                        {
                            quoted = false;
                        }
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            _line++;
                        }

                        Append(field, c, ref error);
                    }

                    continue;
                }

                if (c == _delimiter)
                {
                    AddField(fields, field, ref error);
                    wasQuoted = false;
                }
                else if (c is '\r' or '\n')
                {
                    if (c == '\r' && (_position < _length || await FillAsync(cancellationToken)) && _buffer[_position] == '\n')
                    {
                        _position++;
                    }

                    _line++;
                    ended = true;
                }
                else if (c == '"' && field.Length == 0 && !wasQuoted)
                {
                    quoted = wasQuoted = true;
                }
                else if (c == '"' || wasQuoted)
                {
                    error ??= wasQuoted ? "text after a closing quote" : "a quote inside an unquoted field";
                }
                else
                {
                    Append(field, c, ref error);
                }
            }

            if (fields.Count == 0 && field.Length == 0 && !wasQuoted && error is null)
            {
                if (ended)
                {
                    continue;
                }

                return null;
            }

            AddField(fields, field, ref error);
            return new CsvRecord(startLine, fields, error);
        }
    }

    private static void Append(StringBuilder field, char c, ref string? error)
    {
        if (field.Length >= MaxFieldLength)
        {
            error ??= $"a field is longer than {MaxFieldLength} characters";
            return;
        }

        field.Append(c);
    }

    private static void AddField(List<string> fields, StringBuilder field, ref string? error)
    {
        if (fields.Count >= MaxFields)
        {
            error ??= $"more than {MaxFields} fields";
        }
        else
        {
            fields.Add(field.ToString());
        }

        field.Clear();
    }

    private async ValueTask<bool> FillAsync(CancellationToken cancellationToken)
    {
        if (_position < _length)
        {
            return true;
        }

        _length = await _reader.ReadAsync(_buffer.AsMemory(), cancellationToken);
        _position = 0;
        return _length > 0;
    }
}
