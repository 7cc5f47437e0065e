using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.Rules;

/// <summary>
/// Turns an event into jobs, in the transaction that records the event (invariant 3): for every enabled rule on that
/// event whose forms and conditions match, one job per action, a <c>Wait</c> delaying the ones after it.
/// </summary>
internal sealed class RuleEngine(RuleSetProvider rules, IClock clock, IOptions<OptinFormsOptions> options) : IOptinEventListener
{
    private readonly string _messageIdDomain = JobFactory.MessageIdDomain(options.Value);

    public bool ListensTo(Type eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        return !rules.For(eventType.Name).IsEmpty;
    }

    public async ValueTask HandleAsync(OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(optinEvent);
        ArgumentNullException.ThrowIfNull(transaction);
        var matching = rules.For(RuleEvents.NameOf(optinEvent));
        if (matching.IsEmpty)
        {
            return;
        }

        var contact = await transaction.Contacts.FindAsync(optinEvent.ContactId, cancellationToken);
        if (contact is { ProcessingRestricted: true })
        {
            // Restriction of processing (GDPR Art. 18): no rule fires for the person while it lasts.
            return;
        }

        var context = new RuleConditionContext(optinEvent, contact);
        var form = RuleEvents.FormOf(optinEvent);
        var now = clock.GetCurrentInstant();
        foreach (var rule in matching)
        {
            if ((rule.Forms.Count > 0 && (form is null || !rule.Forms.Contains(form))) || !rule.Condition(context))
            {
                continue;
            }

            var due = optinEvent.OccurredAt;
            foreach (var step in rule.Steps)
            {
                if (step.Wait is { } wait)
                {
                    due += Duration.FromTimeSpan(wait);
                    continue;
                }

                var payload = new JobPayload
                {
                    Args = step.PayloadArgs,
                    EventType = RuleEvents.NameOf(optinEvent),
                    FormId = form,
                    SubmissionId = RuleEvents.SubmissionOf(optinEvent),
                    Culture = RuleEvents.CultureOf(optinEvent),
                    PurposeId = RuleEvents.PurposeOf(optinEvent),
                };
                var purpose = step.Args.GetValueOrDefault("Purpose") ?? payload.PurposeId;
                var job = JobFactory.Create(step.Action, rule.Name, optinEvent.ContactId, purpose, payload, now, due, _messageIdDomain,
                    Actions.ActionRecipients.Of(step.Action, payload.Args));
                await transaction.Jobs.EnqueueAsync(job, cancellationToken);
            }
        }
    }
}
