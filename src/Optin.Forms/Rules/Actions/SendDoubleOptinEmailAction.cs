using Microsoft.Extensions.Options;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.Rules.Actions;

/// <summary>Sends the neutral confirmation email with a fresh token (DOI-3, DOI-6, DOI-7, DOI-8).</summary>
internal sealed class SendDoubleOptinEmailAction(ConfirmationIssuer issuer, EmailDispatcher dispatcher, IFormCatalogProvider catalog,
    IOptions<OptinFormsOptions> options, Diagnostics.OptinMetrics metrics) : RuleAction<SendDoubleOptinEmailArgs>, IChecksRestrictionInTransaction
{
    protected override async ValueTask<JobOutcome> ExecuteAsync(JobContext context, SendDoubleOptinEmailArgs args, CancellationToken cancellationToken)
    {
        var purposeId = args.Purpose ?? context.PurposeId;
        if (purposeId is null || catalog.Current.FindPurpose(purposeId) is not { } purpose)
        {
            return JobOutcome.DeadLetter("The job names no declared purpose.");
        }

        var (skip, token, contact) = await issuer.IssueAsync(context.Job, purpose.Id, args.OnlyIfPending, context.Culture, cancellationToken);
        if (skip is not null)
        {
            return skip;
        }

        var cat = catalog.Current;
        var culture = context.Culture ?? cat.DefaultCulture;
        var model = new EmailModel
        {
            ConfirmUrl = dispatcher.ConfirmUrl(token!),
            ExpiresInDays = (int)Math.Ceiling(options.Value.DoubleOptin.TokenLifetime.TotalDays),
            Controller = purpose.Controller,
            PurposeText = purpose.GetText(culture, cat.DefaultCulture).Purpose,
            SiteUrl = options.Value.BaseUrl,
            Culture = culture,
        };
        var sent = await dispatcher.SendAsync(args.Template, culture, model, contact!.Email, context.Job.MessageId!, null, false, cancellationToken);
        metrics.DoubleOptinEmailSent(purpose.Id);
        return JobOutcome.Sent(SentEmail.Of(sent, context.Job.MessageId!, purpose.Id, contact!.Email, token, model.ConfirmUrl));
    }
}
