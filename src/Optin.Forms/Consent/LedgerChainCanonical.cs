using System.Globalization;
using System.Text;

namespace Optin.Forms.Consent;

/// <summary>
/// One field's value in the canonical form of a ledger entry (LEDG-1): null, a text, a number or an id, written by
/// <see cref="CanonicalBuffer"/> without building the text first.
/// </summary>
internal readonly struct CanonicalValue
{
    private readonly string? _text;
    private readonly long _number;
    private readonly Guid _id;
    private readonly Kinds _kind;

    private CanonicalValue(Kinds kind, string? text, long number, Guid id)
    {
        _kind = kind;
        _text = text;
        _number = number;
        _id = id;
    }

    private enum Kinds : byte
    {
        Null,
        Text,
        Number,
        Id,
    }

    public static implicit operator CanonicalValue(string? text) => new(text is null ? Kinds.Null : Kinds.Text, text, 0, Guid.Empty);

    public static implicit operator CanonicalValue(long number) => new(Kinds.Number, null, number, Guid.Empty);

    public static implicit operator CanonicalValue(Guid id) => new(Kinds.Id, null, 0, id);

    public static implicit operator CanonicalValue(Guid? id) => id is { } value ? new(Kinds.Id, null, 0, value) : default;

    /// <summary>
    /// Writes the value as the canonical form has it: <c>-</c> for null, otherwise <c>N:value</c> with N the length of
    /// the value's text in UTF-8 bytes (a number in invariant digits, an id in its 36-character lower-case form).
    /// </summary>
    public void WriteTo(CanonicalBuffer buffer)
    {
        switch (_kind)
        {
            case Kinds.Text:
                buffer.WriteText(_text!);
                break;
            case Kinds.Number:
                buffer.WriteNumber(_number);
                break;
            case Kinds.Id:
                buffer.WriteId(_id);
                break;
            default:
                buffer.WriteAscii((byte)'-');
                break;
        }
    }
}

/// <summary>
/// A growable UTF-8 buffer, one per thread, into which the canonical form of a ledger entry is written, so that
/// hashing an entry allocates nothing but the hash's text (it used to build the text, then encode it: about 6 KB per
/// entry, the largest part of the in-memory store's garbage per post).
/// </summary>
/// <remarks>
/// The bytes are exactly those of the text the format describes encoded to UTF-8 as a whole: each value is encoded on
/// its own, which gives the same bytes since a separator (<c>:</c>, <c>\n</c>) always stands between two values, and an
/// unpaired surrogate becomes U+FFFD either way.
/// </remarks>
internal sealed class CanonicalBuffer
{
    /// <summary>A buffer grown beyond this (an entry with very long texts) is not kept for the thread's next entry.</summary>
    private const int KeptCapacity = 64 * 1024;

    private static readonly byte[][] FieldPrefixes = [.. LedgerChain.CanonicalFields.Select(f => Encoding.UTF8.GetBytes(f.Name + "="))];
    private static readonly byte[] FormatLine = Encoding.UTF8.GetBytes(LedgerChain.FormatVersion + "\n");
    private static readonly byte[] PreviousHashPrefix = Encoding.UTF8.GetBytes("previous_hash=");

    [ThreadStatic]
    private static CanonicalBuffer? t_cached;

    private byte[] _bytes = new byte[2048];
    private int _length;

    /// <summary>The bytes written since <see cref="Rent"/>.</summary>
    public ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

    /// <summary>The thread's buffer, emptied (a new one if a caller on this thread holds it already).</summary>
    public static CanonicalBuffer Rent()
    {
        var buffer = t_cached ?? new CanonicalBuffer();
        t_cached = null;
        buffer._length = 0;
        return buffer;
    }

    /// <summary>Gives the buffer back to the thread.</summary>
    public static void Return(CanonicalBuffer buffer)
    {
        if (buffer._bytes.Length <= KeptCapacity)
        {
            t_cached = buffer;
        }
    }

    /// <summary>Writes the canonical form of <paramref name="entry"/> chained to <paramref name="previousHash"/>.</summary>
    public void Write(ConsentEvent entry, string previousHash)
    {
        WriteBytes(FormatLine);
        var fields = LedgerChain.CanonicalFields;
        for (var i = 0; i < fields.Length; i++)
        {
            WriteBytes(FieldPrefixes[i]);
            fields[i].Value(entry).WriteTo(this);
            WriteAscii((byte)'\n');
        }

        WriteBytes(PreviousHashPrefix);
        WriteText(previousHash);
        WriteAscii((byte)'\n');
    }

    public void WriteAscii(byte value)
    {
        Ensure(1);
        _bytes[_length++] = value;
    }

    public void WriteText(string text)
    {
        var count = Encoding.UTF8.GetByteCount(text);
        WriteLength(count);
        Ensure(count);
        _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
    }

    public void WriteNumber(long value)
    {
        Span<byte> digits = stackalloc byte[24];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        WriteLength(written);
        WriteBytes(digits[..written]);
    }

    public void WriteId(Guid id)
    {
        Span<byte> text = stackalloc byte[36];
        id.TryFormat(text, out var written, "D");
        WriteLength(written);
        WriteBytes(text[..written]);
    }

    /// <summary>Writes <c>N:</c>, the length prefix of a value.</summary>
    private void WriteLength(int count)
    {
        Ensure(12);
        count.TryFormat(_bytes.AsSpan(_length), out var written, default, CultureInfo.InvariantCulture);
        _length += written;
        _bytes[_length++] = (byte)':';
    }

    private void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        Ensure(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    private void Ensure(int count)
    {
        if (_bytes.Length - _length < count)
        {
            Array.Resize(ref _bytes, Math.Max(_bytes.Length * 2, _length + count));
        }
    }
}
