using NodaTime;

namespace Optin.Forms.Rights;

/// <summary>
/// A recipient the person's data was disclosed to, from the job history (GDPR Art. 15(1)(c), Art. 19): a fixed address
/// an email action wrote to, or the origin of a webhook.
/// </summary>
/// <param name="Recipient">The address as configured, or the webhook's origin (<c>https://host[:port]</c>).</param>
/// <param name="Action">The action that disclosed it (for example <c>SendEmail</c>, <c>Webhook</c>).</param>
/// <param name="Count">How many finished jobs did.</param>
/// <param name="FirstAt">When the first of them finished.</param>
/// <param name="LastAt">When the last of them finished.</param>
public sealed record Disclosure(string Recipient, string Action, int Count, Instant FirstAt, Instant LastAt)
{
    /// <summary>
    /// The disclosures in a person's job history: each done job with a recipient, grouped by recipient and action, in
    /// the order first made. An address equal to the person's own (<paramref name="ownEmail"/>) is no disclosure and is left out.
    /// </summary>
    internal static IReadOnlyList<Disclosure> From(IEnumerable<Jobs.JobRecord> jobs, string? ownEmail) =>
    [
        .. jobs
            .Where(j => j.Status == Jobs.JobStatus.Done && !string.IsNullOrWhiteSpace(j.Recipient)
                && !IsOwn(j.Recipient!, ownEmail))
            .GroupBy(j => (Recipient: j.Recipient!, j.Action))
            .Select(g => new Disclosure(g.Key.Recipient, g.Key.Action, g.Count(), g.Min(j => j.FinishedAt ?? j.CreatedAt),
                g.Max(j => j.FinishedAt ?? j.CreatedAt)))
            .OrderBy(d => d.FirstAt)
            .ThenBy(d => d.Recipient, StringComparer.Ordinal),
    ];

    private static bool IsOwn(string recipient, string? ownEmail) =>
        ownEmail is not null && (string.Equals(recipient, ownEmail, StringComparison.OrdinalIgnoreCase)
            || (MimeKit.MailboxAddress.TryParse(recipient, out var mailbox)
                && string.Equals(mailbox.Address, ownEmail, StringComparison.OrdinalIgnoreCase)));
}
