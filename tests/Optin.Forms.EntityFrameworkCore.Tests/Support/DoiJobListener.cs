using Optin.Forms.Jobs;
using Optin.Forms.Rules;
using Optin.Forms.Storage;

namespace Optin.Forms.EntityFrameworkCore.Tests.Support;

/// <summary>
/// Stands in for the rule that schedules the double opt-in email: on a new contact's submission with consents, it
/// enqueues one <c>SendDoubleOptinEmail</c> job in the submission's own transaction (invariant 3).
/// </summary>
internal sealed class DoiJobListener : IOptinEventListener
{
    public const string Action = "SendDoubleOptinEmail";

    public async ValueTask HandleAsync(OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken)
    {
        if (optinEvent is FormSubmitted { ContactCreated: true, ConsentsGiven.Length: > 0 } submitted)
        {
            var id = Guid.NewGuid();
            await transaction.Jobs.EnqueueAsync(new JobRecord
            {
                Id = id,
                Action = Action,
                ContactId = submitted.ContactId,
                PurposeId = submitted.ConsentsGiven[0],
                Payload = "{}",
                MessageId = $"<{id:N}@example.test>",
                CreatedAt = submitted.OccurredAt,
                DueAt = submitted.OccurredAt,
            }, cancellationToken);
        }
    }
}
