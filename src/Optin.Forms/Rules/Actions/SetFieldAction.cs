using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.Rules.Actions;

/// <summary>Sets (or, with an empty value, removes) a field of the contact.</summary>
internal sealed class SetFieldAction(IOptinStore store, IClock clock) : RuleAction<SetFieldArgs>
{
    protected override async ValueTask<JobOutcome> ExecuteAsync(JobContext context, SetFieldArgs args, CancellationToken cancellationToken)
    {
        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        if (context.Job.ContactId is not { } id || await tx.Contacts.FindAsync(id, cancellationToken) is not { } contact)
        {
            return JobOutcome.Skipped("The contact no longer exists.");
        }

        var fields = string.IsNullOrEmpty(args.Value) ? contact.Fields.Remove(args.Field!) : contact.Fields.SetItem(args.Field!, args.Value);
        await tx.Contacts.SaveAsync(contact with { Fields = fields, UpdatedAt = clock.GetCurrentInstant() }, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return JobOutcome.Done;
    }
}
