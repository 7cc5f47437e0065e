using Microsoft.Extensions.Options;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Templates;

namespace Optin.Forms.Rules.Actions;

/// <summary>
/// Sends the neutral confirmation email with a fresh token (DOI-3, DOI-6, DOI-7, DOI-8): one email, one link, for every
/// purpose it confirms (see <see cref="SendDoubleOptinEmailArgs"/>).
/// </summary>
internal sealed class SendDoubleOptinEmailAction(ConfirmationIssuer issuer, EmailDispatcher dispatcher, IFormCatalogProvider catalog, IOptinStore store,
    IOptions<OptinFormsOptions> options, Diagnostics.OptinMetrics metrics) : RuleAction<SendDoubleOptinEmailArgs>, IChecksRestrictionInTransaction
{
    protected override async ValueTask<JobOutcome> ExecuteAsync(JobContext context, SendDoubleOptinEmailArgs args, CancellationToken cancellationToken)
    {
        var cat = catalog.Current;
        var wanted = await PurposesAsync(context, args, cat, cancellationToken);
        if (wanted.Count == 0)
        {
            return args.Purpose is null && context.PurposeId is null && context.SubmissionId is not null
                ? JobOutcome.Skipped("The submission holds no purpose to confirm (or is gone).")
                : JobOutcome.DeadLetter("The job names no declared purpose.");
        }

        var (skip, token, contact, purposeIds) = await issuer.IssueAsync(context.Job, wanted, args.OnlyIfPending, context.Culture, cancellationToken);
        if (skip is not null)
        {
            return skip;
        }

        var culture = context.Culture ?? cat.DefaultCulture;
        var purposes = purposeIds.Select(id => cat.FindPurpose(id)!).ToList();
        var model = new EmailModel
        {
            ConfirmUrl = dispatcher.ConfirmUrl(token!),
            ExpiresInDays = (int)Math.Ceiling(options.Value.DoubleOptin.TokenLifetime.TotalDays),
            Controller = purposes[0].Controller,
            PurposeText = purposes[0].GetText(culture, cat.DefaultCulture).Purpose,
            Purposes = [.. purposes.Select(p => EmailPurpose.Of(p, culture, cat.DefaultCulture))],
            SiteUrl = options.Value.BaseUrl,
            Culture = culture,
        };
        var sent = await dispatcher.SendAsync(args.Template, culture, model, contact!.Email, context.Job.MessageId!, null, false, cancellationToken);
        foreach (var purpose in purposes)
        {
            metrics.DoubleOptinEmailSent(purpose.Id);
        }

        return JobOutcome.Sent(SentEmail.Of(sent, context.Job.MessageId!, purposes[0].Id, contact.Email, token, model.ConfirmUrl));
    }

    /// <summary>
    /// The declared purposes the email is to confirm: the named one; on <c>FormSubmitted</c> without one, those ticked in the
    /// submission (of <see cref="SendDoubleOptinEmailArgs.Purposes"/> when it lists some), in the order of the submission;
    /// else the event's.
    /// </summary>
    private async ValueTask<IReadOnlyList<string>> PurposesAsync(JobContext context, SendDoubleOptinEmailArgs args, FormCatalog cat,
        CancellationToken cancellationToken)
    {
        if (args.Purpose is null && (args.Purposes is not null || context.EventType == nameof(FormSubmitted)))
        {
            if (context.SubmissionId is not { } submissionId || await store.Submissions.FindAsync(submissionId, cancellationToken) is not { } submission)
            {
                return [];
            }

            var listed = args.PurposeList();
            return [.. submission.ConsentsGiven
                .Where(p => listed is null || listed.Contains(p, StringComparer.OrdinalIgnoreCase))
                .Select(p => cat.FindPurpose(p)?.Id).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase)];
        }

        return (args.Purpose ?? context.PurposeId) is { } id && cat.FindPurpose(id) is { } purpose ? [purpose.Id] : [];
    }
}
