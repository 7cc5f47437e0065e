using System.Text;

namespace Optin.Forms.AspNetCore.Export;

/// <summary>
/// Writes CSV row by row to a stream (nothing is collected in memory): UTF-8 with a byte order mark, so that
/// spreadsheet software reads accents correctly; RFC 4180 quoting (CRLF line ends; a field holding the delimiter, a
/// quote or a line break is quoted, its quotes doubled); and CSV formula injection neutralised.
/// </summary>
/// <remarks>
/// A cell that begins with <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is run as a formula by
/// spreadsheet software (OWASP, "CSV Injection"): such a cell gets a leading single quote, which shows it as text. The
/// values come from visitors (a form's fields), so every cell is treated that way, the header included.
/// </remarks>
internal sealed class CsvWriter : IAsyncDisposable
{
    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private readonly StreamWriter _writer;
    private readonly StringBuilder _line = new(256);

    /// <param name="stream">Where to write (left open).</param>
    /// <param name="bufferSize">Characters buffered before a write to the stream.</param>
    public CsvWriter(Stream stream, int bufferSize = 16 * 1024)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _writer = new StreamWriter(stream, Utf8WithBom, bufferSize, leaveOpen: true) { NewLine = "\r\n", AutoFlush = false };
    }

    /// <summary>Writes one record (the header or a row).</summary>
    public ValueTask WriteRowAsync(IEnumerable<string?> cells, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cells);
        _line.Clear();
        var first = true;
        foreach (var cell in cells)
        {
            if (!first)
            {
                _line.Append(',');
            }

            first = false;
            AppendCell(_line, cell);
        }

        _line.Append("\r\n");
        return new ValueTask(_writer.WriteAsync(_line, cancellationToken));
    }

    /// <summary>Pushes what is buffered to the stream (e.g. every few hundred rows, so that a download starts early).</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        await _writer.FlushAsync(cancellationToken);
    }

    /// <summary>The cell as written: neutralised against formulas, then quoted when it must be.</summary>
    public static string Escape(string? value)
    {
        var text = new StringBuilder();
        AppendCell(text, value);
        return text.ToString();
    }

    /// <summary>Whether spreadsheet software would read <paramref name="value"/> as a formula.</summary>
    public static bool IsFormulaLike(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }

    private static void AppendCell(StringBuilder line, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        var prefix = IsFormulaLike(value) ? "'" : string.Empty;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            line.Append(prefix).Append(value);
            return;
        }

        line.Append('"').Append(prefix);
        foreach (var c in value)
        {
            line.Append(c);
            if (c == '"')
            {
                line.Append('"');
            }
        }

        line.Append('"');
    }
}
