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
/// not objected (DOI-1, WD-6) and carries a fresh unsubscribe link (WD-1) and a fresh preference page link (#20).
/// </summary>
internal sealed class SendEmailAction(IOptinStore store, ConfirmationIssuer issuer, EmailDispatcher dispatcher, EmailRenderer renderer,
    IFormCatalogProvider catalog, IOptions<OptinFormsOptions> options, NodaTime.IClock clock) : RuleAction<SendEmailArgs>, IChecksRestrictionInTransaction
{
    protected override async ValueTask<JobOutcome> ExecuteAsync(JobContext context, SendEmailArgs args, CancellationToken cancellationToken)
    {
        var purposeId = args.Purpose ?? context.PurposeId;
        var marketing = renderer.Templates.IsMarketing(args.Template!)
            || MarketingMail.ForMarketingPurpose(args.To, MarketingMail.PurposeOf(args.Purpose, context.EventType, context.PurposeId),
                p => catalog.Current.FindPurpose(p)?.Marketing == true);
        string? unsubscribe = null;
        string? unsubscribeToken = null;
        string? preferences = null;
        string? preferencesToken = null;
        Contact? contact;
        await using (var tx = await store.BeginTransactionAsync(cancellationToken))
        {
            contact = context.Job.ContactId is { } id ? await tx.Contacts.FindAsync(id, cancellationToken) : null;
            if (contact is null && args.To is null)
            {
                return JobOutcome.Skipped("The contact no longer exists.");
            }

            // A contact erased since (e.g. by the unconfirmed sweep whose event caused this job) leaves the owner's
            // notification to go, without anything about the person in it.
            if (contact is { ProcessingRestricted: true })
            {
                return JobOutcome.Skipped(Rights.PersonalDataService.RestrictedReason);
            }

            if (args.To is null && contact is not null)
            {
                if (await tx.Suppression.FindAsync(await AddressHasher.HashAsync(tx, options.Value, contact.EmailKey, cancellationToken), cancellationToken) is { } s
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

                    unsubscribeToken = await issuer.IssueUnsubscribeAsync(tx, contact.Id, purposeId, context.Culture, cancellationToken);
                    unsubscribe = dispatcher.UnsubscribeUrl(unsubscribeToken);
                    preferencesToken = await issuer.IssuePreferencesAsync(tx, contact.Id, purposeId, context.Culture, cancellationToken);
                    preferences = dispatcher.PreferencesUrl(preferencesToken);
                    await tx.CommitAsync(cancellationToken);
                }
            }
        }

        var submission = contact is not null && context.SubmissionId is { } sid ? await store.Submissions.FindAsync(sid, cancellationToken) : null;
        var consents = submission is not null ? [.. submission.ConsentsGiven] : Array.Empty<string>();
        var cat = catalog.Current;
        // To the person, what is stored about them; the values of a post nobody proved stay with that post (ABU-5). The
        // owner's notification shows what was posted.
        var fields = contact is null ? new Dictionary<string, string>()
            : args.To is not null && submission is not null
                ? submission.Values.Remove(cat.FindForm(submission.FormId)?.EmailField.Name ?? string.Empty)
                : (IReadOnlyDictionary<string, string>)contact.Fields;
        var purpose = purposeId is null ? null : cat.FindPurpose(purposeId);
        var culture = context.Culture ?? cat.DefaultCulture;
        var model = new EmailModel
        {
            UnsubscribeUrl = unsubscribe,
            PreferencesUrl = preferences,
            Controller = purpose?.Controller ?? cat.Purposes.Values.Select(p => p.Controller).FirstOrDefault(c => c is not null),
            PurposeText = purpose?.GetText(culture, cat.DefaultCulture).Purpose,
            SiteUrl = options.Value.BaseUrl,
            Culture = culture,
            FormId = context.FormId,
            Email = contact?.Email,
            Fields = ChoiceLabels.Apply(fields, cat, submission?.FormId ?? context.FormId, culture),
            Values = fields,
            Consents = consents,
        };
        var sent = await dispatcher.SendAsync(args.Template!, culture, model, args.To ?? contact!.Email, context.Job.MessageId!, unsubscribe,
            marketing, cancellationToken);
        return args.To is null
            ? JobOutcome.Sent(SentEmail.Of(sent, context.Job.MessageId!, purposeId, contact!.Email, unsubscribeToken, unsubscribe, preferencesToken, preferences))
            : JobOutcome.Done;
    }
}
