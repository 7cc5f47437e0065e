using Microsoft.Extensions.Options;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Templates;

namespace Optin.Forms.Rules.Actions;

/// <summary>
/// Sends a template to the contact or to a fixed address. A marketing template goes only to a confirmed contact who has
/// not objected (DOI-1, WD-6) and carries a fresh unsubscribe link (WD-1).
/// </summary>
internal sealed class SendEmailAction(IOptinStore store, ConfirmationIssuer issuer, EmailDispatcher dispatcher, EmailRenderer renderer,
    IFormCatalogProvider catalog, IOptions<OptinFormsOptions> options, NodaTime.IClock clock) : RuleAction<SendEmailArgs>, IChecksRestrictionInTransaction
{
    protected override async ValueTask<JobOutcome> ExecuteAsync(JobContext context, SendEmailArgs args, CancellationToken cancellationToken)
    {
        var marketing = renderer.Templates.IsMarketing(args.Template!);
        var purposeId = args.Purpose ?? context.PurposeId;
        string? unsubscribe = null;
        Contact? contact;
        await using (var tx = await store.BeginTransactionAsync(cancellationToken))
        {
            contact = context.Job.ContactId is { } id ? await tx.FindContactAsync(id, cancellationToken) : null;
            if (contact is null)
            {
                return JobOutcome.Skipped("The contact no longer exists.");
            }

            if (contact.ProcessingRestricted)
            {
                return JobOutcome.Skipped(Rights.PersonalDataService.RestrictedReason);
            }

            if (args.To is null)
            {
                if (await tx.FindSuppressionAsync(await AddressHasher.HashAsync(tx, options.Value, contact.EmailKey, cancellationToken), cancellationToken) is { } s
                    && s.ExpiresAt > clock.GetCurrentInstant() && (marketing || !SuppressionReasons.OnlyMarketing(s)))
                {
                    return JobOutcome.Skipped("The address is suppressed (DOI-9).");
                }

                if (marketing)
                {
                    if (purposeId is null)
                    {
                        return JobOutcome.DeadLetter("A marketing email needs a purpose (DOI-1).");
                    }

                    var state = contact.GetState(purposeId);
                    if (state == OptinState.Withdrawn)
                    {
                        return JobOutcome.Skipped("Withdrawn (WD-4).");
                    }

                    if (state != OptinState.OptedIn || contact.ObjectedToMarketing)
                    {
                        return JobOutcome.DeadLetter(
                            $"Refused: a marketing email goes only to a contact who confirmed '{purposeId}' and has not objected (DOI-1, WD-6).");
                    }

                    unsubscribe = dispatcher.UnsubscribeUrl(await issuer.IssueUnsubscribeAsync(tx, contact.Id, purposeId, context.Culture, cancellationToken));
                    await tx.CommitAsync(cancellationToken);
                }
            }
        }

        var consents = context.SubmissionId is { } sid && await store.Submissions.FindAsync(sid, cancellationToken) is { } submission
            ? [.. submission.ConsentsGiven]
            : Array.Empty<string>();
        var cat = catalog.Current;
        var purpose = purposeId is null ? null : cat.FindPurpose(purposeId);
        var culture = context.Culture ?? cat.DefaultCulture;
        var model = new EmailModel
        {
            UnsubscribeUrl = unsubscribe,
            Controller = purpose?.Controller ?? cat.Purposes.Values.Select(p => p.Controller).FirstOrDefault(c => c is not null),
            PurposeText = purpose?.GetText(culture, cat.DefaultCulture).Purpose,
            SiteUrl = options.Value.BaseUrl,
            Culture = culture,
            FormId = context.FormId,
            Email = contact.Email,
            Fields = contact.Fields,
            Consents = consents,
        };
        var sent = await dispatcher.SendAsync(args.Template!, culture, model, args.To ?? contact.Email, context.Job.MessageId!, unsubscribe,
            cancellationToken);
        return args.To is null
            ? JobOutcome.Sent(new SentEmail(sent.TemplateId, sent.TemplateSha256, context.Job.MessageId!, sent.Culture, purposeId))
            : JobOutcome.Done;
    }
}
