namespace Optin.Forms.Rules.Actions;

/// <summary>
/// The recipient outside the controller that a built-in action discloses the person's data to (GDPR Art. 19), as the
/// job history records it: the fixed <c>To</c> of <c>SendEmail</c>, the origin of a <c>Webhook</c>.
/// </summary>
/// <remarks>An email to the person themself (no <c>To</c>) is no disclosure: nothing is recorded for it.</remarks>
internal static class ActionRecipients
{
    private const string SendEmail = "SendEmail";
    private const string Webhook = "Webhook";

    public static string? Of(string action, IReadOnlyDictionary<string, string?> args) => action switch
    {
        SendEmail => args.GetValueOrDefault(nameof(SendEmailArgs.To)) is { } to && !string.IsNullOrWhiteSpace(to) ? to.Trim() : null,
        Webhook => args.GetValueOrDefault(nameof(WebhookArgs.Url)) is { } url && Uri.TryCreate(url, UriKind.Absolute, out var uri)
            ? uri.GetLeftPart(UriPartial.Authority)
            : null,
        _ => null,
    };
}
