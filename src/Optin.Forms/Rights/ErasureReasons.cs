using System.Diagnostics.CodeAnalysis;

namespace Optin.Forms.Rights;

/// <summary>
/// The codes of <see cref="ErasureReason"/> and the rule for the reference that may go with them, as kept on an erasure's
/// tombstone (DSR-5).
/// </summary>
/// <remarks>
/// The tombstone is kept for as long as the controller must show that it erased (Art. 5(2), 17), so it must hold no
/// personal data. A free-text reason did: a DPO typed a name into it. The reason is therefore a code, and the reference a
/// ticket-like token that cannot hold a name as typed: 1 to 64 letters, digits and <c>- _ . / : #</c>, no spaces (for
/// example <c>DPO-2026-017</c> or <c>zendesk#4812</c>). The tombstone's <c>Reason</c> holds the code, then one space and
/// the reference when there is one (<c>data-subject-request DPO-2026-017</c>).
/// </remarks>
public static class ErasureReasons
{
    /// <summary>The longest reference accepted.</summary>
    public const int MaxReferenceLength = 64;

    private static readonly string[] Codes =
        ["data-subject-request", "consent-withdrawn", "objection", "retention", "unconfirmed", "not-me", "other"];

    /// <summary>The stable code of <paramref name="reason"/>, as kept on the tombstone.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a declared reason.</exception>
    public static string Code(ErasureReason reason) =>
        (int)reason >= 0 && (int)reason < Codes.Length ? Codes[(int)reason] : throw new ArgumentOutOfRangeException(nameof(reason));

    /// <summary>Reads a reason from its code (<c>data-subject-request</c>) or its name (<c>DataSubjectRequest</c>), ignoring case.</summary>
    public static bool TryParse(string? value, out ErasureReason reason)
    {
        reason = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var index = Array.FindIndex(Codes, c => string.Equals(c, value.Trim(), StringComparison.OrdinalIgnoreCase));
        if (index >= 0)
        {
            reason = (ErasureReason)index;
            return true;
        }

        index = Array.FindIndex(Enum.GetNames<ErasureReason>(), n => string.Equals(n, value.Trim(), StringComparison.OrdinalIgnoreCase));
        reason = index >= 0 ? Enum.GetValues<ErasureReason>()[index] : default;
        return index >= 0;
    }

    /// <summary>Whether <paramref name="reference"/> may go on a tombstone: absent, or 1 to 64 of <c>A-Z a-z 0-9 - _ . / : #</c>.</summary>
    public static bool IsValidReference([NotNullWhen(false)] string? reference) =>
        reference is null || (reference.Length is > 0 and <= MaxReferenceLength
            && reference.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or ':' or '#'));

    /// <summary>What the reference may hold, in words (for error messages).</summary>
    public const string ReferenceRule = "at most 64 letters, digits and - _ . / : # (a ticket number such as DPO-2026-017; no name, no spaces)";

    /// <summary>The text kept in the tombstone's <c>Reason</c>: the code, then a space and the reference when there is one.</summary>
    /// <exception cref="ArgumentException">The reference is not valid (<see cref="IsValidReference"/>).</exception>
    public static string Format(ErasureReason reason, string? reference)
    {
        if (!IsValidReference(reference))
        {
            throw new ArgumentException($"An erasure reference is {ReferenceRule}.", nameof(reference));
        }

        return reference is null ? Code(reason) : Code(reason) + " " + reference;
    }

    /// <summary>
    /// Reads a tombstone's <c>Reason</c>. Text that is not a code (free text written before codes existed) reads as
    /// <see cref="ErasureReason.Other"/> without a reference, so that it is not shown again.
    /// </summary>
    public static (ErasureReason Reason, string? Reference) Parse(string? stored)
    {
        var parts = (stored ?? "").Split(' ', 2);
        var index = Array.IndexOf(Codes, parts[0]);
        if (index < 0)
        {
            return (ErasureReason.Other, null);
        }

        var reference = parts.Length == 2 && IsValidReference(parts[1]) ? parts[1] : null;
        return ((ErasureReason)index, reference);
    }
}
