using System.Security.Cryptography;
using NodaTime;

namespace Optin.Forms.Storage;

/// <summary>
/// Time-ordered (version 7, RFC 9562) ids for new records: 48 bits of Unix milliseconds, then 74 random bits drawn
/// from a per-thread buffer of cryptographically secure random bytes.
/// </summary>
/// <remarks>
/// <para>
/// Time order keeps a database's primary-key and foreign-key indexes appending at their end instead of touching a
/// random page per insert: on SQLite, a group commit of a dozen submissions wrote less than half as many pages once
/// the ids were ordered. The canonical text of a version 7 id sorts like its time, so the upper-case text EF Core
/// stores on SQLite is ordered too.
/// </para>
/// <para>
/// The time prefix is the system's clock, not the injected <see cref="IClock"/>: it orders index inserts and is not a
/// recorded instant (records carry their own). An id therefore tells when its record was made, to the millisecond,
/// which every record's own timestamps tell anyway; the 74 random bits keep ids unguessable.
/// </para>
/// <para>
/// <see cref="Guid.NewGuid"/> and <see cref="Guid.CreateVersion7()"/> ask the operating system for random bytes on
/// every call (a system call on Linux); this asks for 4 KiB at a time.
/// </para>
/// </remarks>
internal static class RecordIds
{
    private const int IdsPerRefill = 256;
    private const int IdSize = 16;

    [ThreadStatic]
    private static byte[]? s_buffer;

    [ThreadStatic]
    private static int s_next;

    /// <summary>A new version 7 id for the current instant.</summary>
    public static Guid New() => New(SystemClock.Instance.GetCurrentInstant());

    /// <summary>
    /// A new version 4 id (122 random bits, as <see cref="Guid.NewGuid"/> gives) from the same buffer: for what must
    /// not tell its time, such as a Message-ID.
    /// </summary>
    internal static Guid NewRandom()
    {
        var bytes = Next();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var id = new Guid(bytes, bigEndian: true);
        bytes.Clear();
        return id;
    }

    /// <summary>A new version 7 id whose time prefix is <paramref name="at"/>.</summary>
    internal static Guid New(Instant at)
    {
        // Big-endian layout (RFC 9562, 5.7): unix_ts_ms (48 bits), ver (4) and rand_a (12), var (2) and rand_b (62).
        var bytes = Next();
        var ms = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(ms >> (40 - (8 * i)));
        }

        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x70);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        var id = new Guid(bytes, bigEndian: true);

        // The bytes handed out are not kept in memory longer than needed.
        bytes.Clear();
        return id;
    }

    /// <summary>The next 16 unused random bytes of this thread's buffer, refilled when spent.</summary>
    private static Span<byte> Next()
    {
        var buffer = s_buffer;
        if (buffer is null || s_next == IdsPerRefill)
        {
            buffer = s_buffer ??= new byte[IdsPerRefill * IdSize];
            RandomNumberGenerator.Fill(buffer);
            s_next = 0;
        }

        return buffer.AsSpan(s_next++ * IdSize, IdSize);
    }
}
