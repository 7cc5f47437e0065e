using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using MimeKit;

namespace Optin.Forms.Submissions;

/// <summary>
/// Accepts bare addr-spec email addresses only and gives each one comparison key (SEC-5).
/// </summary>
/// <remarks>
/// Refused: display names, angle brackets, comments, quoted local parts, several addresses, IP-literal or dotless
/// domains, control and invisible characters (zero-width, bidi controls, soft hyphen), and anything over the RFC 5321
/// lengths (64 for the local part, 254 in all). Such inputs are how header injection and look-alike duplicates get in.
/// </remarks>
public static class EmailAddressNormalizer
{
    /// <summary>The longest address accepted (RFC 5321 path limit less the angle brackets).</summary>
    public const int MaxLength = 254;

    /// <summary>The longest local part accepted.</summary>
    public const int MaxLocalPartLength = 64;

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    private static readonly ParserOptions StrictParser = new()
    {
        AllowAddressesWithoutDomain = false,
        AddressParserComplianceMode = RfcComplianceMode.Strict,
    };

    /// <summary>Normalises <paramref name="input"/>.</summary>
    /// <param name="input">What the visitor typed.</param>
    /// <param name="email">The normalised address, when accepted.</param>
    /// <param name="errorCode"><see cref="SubmissionCodes.EmailTooLong"/> or <see cref="SubmissionCodes.InvalidEmail"/>, when refused.</param>
    /// <returns>Whether the address was accepted.</returns>
    public static bool TryNormalize(string? input, [NotNullWhen(true)] out NormalizedEmail? email, [NotNullWhen(false)] out string? errorCode)
    {
        email = null;
        errorCode = SubmissionCodes.InvalidEmail;
        if (input is null)
        {
            return false;
        }

        var text = input.Trim(' ', '\t');
        if (text.Length > MaxLength)
        {
            errorCode = SubmissionCodes.EmailTooLong;
            return false;
        }

        if (text.Length < 3 || Any(text, IsForbidden))
        {
            return false;
        }

        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || at == text.Length - 1)
        {
            return false;
        }

        // An ASCII local part is in Normalization Form C already: no copy is made of it (nor of the domain, below).
        var localSpan = text.AsSpan(0, at);
        var normalizedLocal = Ascii.IsValid(localSpan) ? null : localSpan.ToString().Normalize(NormalizationForm.FormC);
        var local = normalizedLocal is null ? localSpan : normalizedLocal.AsSpan();
        if (local.Length > MaxLocalPartLength)
        {
            errorCode = SubmissionCodes.EmailTooLong;
            return false;
        }

        if (local[0] == '.' || local[^1] == '.' || local.Contains("..", StringComparison.Ordinal) || !AllLocalPartChars(local))
        {
            return false;
        }

        if (!TryNormalizeDomain(text.AsSpan(at + 1), out var domain))
        {
            return false;
        }

        var address = string.Concat(local, "@", domain);
        if (address.Length > MaxLength)
        {
            errorCode = SubmissionCodes.EmailTooLong;
            return false;
        }

        // MimeKit has the last word: the address must parse, strictly, as one mailbox and nothing else. MimeKit decodes
        // an IDN domain when parsing, so compare with its IDN-encoded form.
        if (!MailboxAddress.TryParse(StrictParser, address, out var mailbox)
            || !string.Equals(mailbox.GetAddress(idnEncode: true), address, StringComparison.Ordinal)
            || !string.IsNullOrEmpty(mailbox.Name) || mailbox.Route.Count > 0)
        {
            return false;
        }

        // The key: the local part in lower case (invariant), the same domain; the address itself when that changes nothing.
        Span<char> lowered = stackalloc char[local.Length];
        local.ToLowerInvariant(lowered);
        email = new NormalizedEmail(address, lowered.SequenceEqual(local) ? address : string.Concat(lowered, "@", domain));
        errorCode = null;
        return true;
    }

    private static bool TryNormalizeDomain(ReadOnlySpan<char> raw, [NotNullWhen(true)] out string? domain)
    {
        domain = null;
        if (raw.Length == 0 || raw[0] == '[' || raw[^1] == '.')
        {
            return false;
        }

        string ascii;
        if (IsPlainAsciiDomain(raw))
        {
            // The common case needs no IDNA mapping (an ICU call that costs more than the rest of the submission).
            Span<char> lowered = stackalloc char[raw.Length];
            raw.ToLowerInvariant(lowered);
            ascii = new string(lowered);
        }
        else
        {
            try
            {
                ascii = Idn.GetAscii(raw.ToString().Normalize(NormalizationForm.FormKC)).ToLowerInvariant();
            }
            catch (ArgumentException)
            {
                return false;
            }
        }

        if (ascii.Length > 253 || !HasValidLabels(ascii))
        {
            return false;
        }

        domain = ascii;
        return true;
    }

    /// <summary>
    /// At least two labels, each 1 to 63 characters, none starting or ending with '-', and a last label that is not all
    /// digits; read over the text (no array of labels per address).
    /// </summary>
    private static bool HasValidLabels(ReadOnlySpan<char> domain)
    {
        var labels = 0;
        while (true)
        {
            var dot = domain.IndexOf('.');
            var label = dot < 0 ? domain : domain[..dot];
            if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
            {
                return false; // an empty label too, such as after a trailing dot
            }

            labels++;
            if (dot < 0)
            {
                return labels >= 2 && label.ContainsAnyExcept(Digits);
            }

            domain = domain[(dot + 1)..];
        }
    }

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    /// <summary>Letters, digits, '-' and '.', and no punycode label (those go through IDNA to be validated).</summary>
    private static bool IsPlainAsciiDomain(ReadOnlySpan<char> domain)
    {
        foreach (var c in domain)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '.'))
            {
                return false;
            }
        }

        return !domain.StartsWith("xn--", StringComparison.OrdinalIgnoreCase)
            && !domain.Contains(".xn--", StringComparison.OrdinalIgnoreCase);
    }

    private static bool AllLocalPartChars(ReadOnlySpan<char> local)
    {
        foreach (var c in local)
        {
            if (!IsLocalPartChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A loop rather than LINQ over a string: no boxed enumerator per call.</summary>
    private static bool Any(string text, Func<char, bool> predicate)
    {
        foreach (var c in text)
        {
            if (predicate(c))
            {
                return true;
            }
        }

        return false;
    }

    // The ASCII answers of the two predicates below, computed once from them (an address is almost always ASCII).
    private static readonly bool[] AsciiLocalPartChar = [.. Enumerable.Range(0, 128).Select(c => IsLocalPartCharSlow((char)c))];
    private static readonly bool[] AsciiForbidden = [.. Enumerable.Range(0, 128).Select(c => IsForbiddenSlow((char)c))];

    private static bool IsLocalPartChar(char c) => c < 128 ? AsciiLocalPartChar[c] : IsLocalPartCharSlow(c);

    private static bool IsForbidden(char c) => c < 128 ? AsciiForbidden[c] : IsForbiddenSlow(c);

    private static bool IsLocalPartCharSlow(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal)
        || (c > 0x7F && (char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark));

    private static bool IsForbiddenSlow(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) || char.IsSurrogate(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator
            or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        || "<>()[],;:\"\\".Contains(c, StringComparison.Ordinal);
}
