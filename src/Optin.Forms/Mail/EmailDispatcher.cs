using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Templates;

namespace Optin.Forms.Mail;

/// <summary>Renders, composes and hands an email to the sender; used by jobs only, never inside a request.</summary>
internal sealed class EmailDispatcher(EmailRenderer renderer, IMailSender sender, IClock clock, IOptions<OptinFormsOptions> options,
    Diagnostics.OptinMetrics metrics)
{
    private readonly OptinFormsOptions _options = options.Value;

    public string ConfirmUrl(string token) => Link(OptinLinks.Confirm, token);

    public string UnsubscribeUrl(string token) => Link(OptinLinks.Unsubscribe, token);

    public string PreferencesUrl(string token) => Link(OptinLinks.Preferences, token);

    /// <summary>Renders and sends; returning means the sender accepted the message (invariant 4).</summary>
    /// <remarks><paramref name="marketing"/> sends as marketing (List-Unsubscribe headers, WD-1) even when the template is not.</remarks>
    public async ValueTask<RenderedEmail> SendAsync(string templateId, string? culture, EmailModel model, string to, string messageId,
        string? unsubscribeUrl, bool marketing, CancellationToken cancellationToken)
    {
        var email = await renderer.RenderAsync(templateId, culture ?? _options.DefaultCulture, model);
        if (marketing && !email.Marketing)
        {
            email = email with { Marketing = true };
        }

        var from = _options.Mail.From ?? throw new InvalidOperationException("OptinForms:Mail:From is not configured.");
        var message = MailComposer.Compose(email, from, to, messageId, clock.GetCurrentInstant(), unsubscribeUrl);
        var started = metrics.MailSendStarting();
        try
        {
            await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception e)
        {
            metrics.MailSent(started, templateId, e.GetType().Name);
            throw;
        }

        metrics.MailSent(started, templateId, null);
        return email;
    }

    private string Link(string kind, string token) => OptinLinks.Page(_options, kind, token);
}
