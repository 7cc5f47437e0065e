namespace Optin.Forms.Rules;

/// <summary>
/// Decides whether a <c>SendEmail</c> step sends direct marketing: its template says so, or it mails the contact for a
/// marketing purpose, whatever its template says (WD-1).
/// </summary>
/// <remarks>
/// An owner who replaces a marketing template, or picks a plain one for a newsletter, must not silently lose the
/// <c>List-Unsubscribe</c> headers and the confirmation check that marketing mail needs.
/// </remarks>
internal static class MarketingMail
{
    /// <summary>The purpose a step mails for: its <c>Purpose</c> argument, or the purpose an <c>OptinConfirmed</c> event confirmed.</summary>
    public static string? PurposeOf(string? argsPurpose, string? eventType, string? eventPurpose) =>
        argsPurpose ?? (string.Equals(eventType, nameof(OptinConfirmed), StringComparison.Ordinal) ? eventPurpose : null);

    /// <summary>Whether mail to the contact (<paramref name="to"/> unset) for <paramref name="purposeId"/> is marketing because of its purpose.</summary>
    public static bool ForMarketingPurpose(string? to, string? purposeId, Func<string, bool> isMarketingPurpose) =>
        to is null && purposeId is not null && isMarketingPurpose(purposeId);
}
