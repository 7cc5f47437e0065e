using NodaTime;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;

namespace Optin.Forms.Rules.Actions;

/// <summary>Adds a tag to the contact.</summary>
internal sealed class AddTagAction(IOptinStore store, IClock clock) : RuleAction<AddTagArgs>
{
    protected override async ValueTask<JobOutcome> ExecuteAsync(JobContext context, AddTagArgs args, CancellationToken cancellationToken)
    {
        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        if (context.Job.ContactId is not { } id || await tx.Contacts.FindAsync(id, cancellationToken) is not { } contact)
        {
            return JobOutcome.Skipped("The contact no longer exists.");
        }

        await tx.Contacts.SaveAsync(contact with { Tags = contact.Tags.Add(args.Tag!), UpdatedAt = clock.GetCurrentInstant() }, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return JobOutcome.Done;
    }
}
