using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rules.Actions;

/// <summary>
/// Sets the contact's opt-in for a purpose (never opting in to marketing: that fails at start, DOI-1), writes the ledger
/// entry with the rule as actor, and raises <see cref="ContactOptinChanged"/>.
/// </summary>
internal sealed class SetOptinAction(IOptinStore store, NodaTime.IClock clock, IFormCatalogProvider catalog,
    IEnumerable<IOptinEventListener> listeners) : RuleAction<SetOptinArgs>
{
    protected override async ValueTask<JobOutcome> ExecuteAsync(JobContext context, SetOptinArgs args, CancellationToken cancellationToken)
    {
        var now = SubmissionPipeline.Truncate(clock.GetCurrentInstant());
        var cat = catalog.Current;
        if (cat.FindPurpose(args.Purpose!) is not { } purpose)
        {
            return JobOutcome.DeadLetter("The purpose is no longer declared.");
        }

        if (purpose.Marketing && args.State is OptinState.OptedIn or OptinState.PendingConfirmation)
        {
            return JobOutcome.DeadLetter("Refused: a rule cannot opt anyone in to a marketing purpose (DOI-1).");
        }

        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        if (context.Job.ContactId is not { } id || await tx.Contacts.FindAsync(id, cancellationToken) is not { } contact)
        {
            return JobOutcome.Skipped("The contact no longer exists.");
        }

        var previous = contact.GetState(purpose.Id);
        var state = args.State!.Value;
        if (previous == state)
        {
            return JobOutcome.Skipped($"The opt-in is already {state}.");
        }

        var text = purpose.GetText(cat.DefaultCulture, cat.DefaultCulture);
        await tx.Contacts.SaveAsync(contact.WithOptin(purpose.Id, state, now), cancellationToken);
        await tx.Ledger.AppendAsync([new ConsentEvent
        {
            Id = RecordIds.New(),
            ContactId = contact.Id,
            Kind = ConsentEventKind.SetManually,
            State = state,
            Method = ConsentMethod.System,
            OccurredAt = now,
            PurposeId = purpose.Id,
            PurposeVersion = text.Version,
            Actor = $"rule:{context.Job.RuleName}",
            Reason = "Set by a rule.",
        }], cancellationToken);
        await OptinEventListeners.RaiseAsync(listeners, new ContactOptinChanged(contact.Id, now, purpose.Id, previous, state, ConsentMethod.System),
            tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return JobOutcome.Done;
    }
}
