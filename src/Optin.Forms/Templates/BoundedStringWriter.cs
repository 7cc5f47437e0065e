using System.Globalization;
using System.Text;

namespace Optin.Forms.Templates;

/// <summary>A string writer that refuses to grow past a limit (SEC-4: a template cannot produce unbounded output).</summary>
internal sealed class BoundedStringWriter(int maxChars) : StringWriter(new StringBuilder(1024), CultureInfo.InvariantCulture)
{
    public override void Write(char value)
    {
        Check(1);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Check(count);
        base.Write(buffer, index, count);
    }

    public override void Write(string? value)
    {
        Check(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Check(buffer.Length);
        base.Write(buffer);
    }

    public override Task WriteAsync(string? value)
    {
        Check(value?.Length ?? 0);
        return base.WriteAsync(value);
    }

    public override Task WriteAsync(char value)
    {
        Check(1);
        return base.WriteAsync(value);
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Check(buffer.Length);
        return base.WriteAsync(buffer, cancellationToken);
    }

    private void Check(int adding)
    {
        if (GetStringBuilder().Length + adding > maxChars)
        {
            throw new InvalidOperationException($"The template output exceeds {maxChars} characters.");
        }
    }
}
