using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Contacts;

/// <summary>
/// Changes a contact's kind (<see cref="ContactKind"/>): a lead becomes a contact once known to the business, a contact
/// becomes an account once a customer, and back. Every change is written to the ledger with who made it and why.
/// </summary>
/// <remarks>
/// The kind is the CRM's bookkeeping, not consent: it changes no opt-in, queues nothing and fires no rule. It is kept in
/// the ledger anyway so that a record's history (why a lead stopped being a prospect, for retention) can be shown.
/// </remarks>
public sealed class ContactKindService
{
    private readonly IOptinStore _store;
    private readonly IClock _clock;

    /// <summary>Creates the service.</summary>
    public ContactKindService(IOptinStore store, IClock clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
    }

    /// <summary>Changes the kind of one contact, with a <see cref="ConsentEventKind.KindChanged"/> entry in the ledger.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="kind">The new kind.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why (kept in the ledger; write no personal data here).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// Success with a count of 1; or <see cref="SubmissionCodes.ContactNotFound"/>, <see cref="SubmissionCodes.Restricted"/>
    /// (processing is restricted, GDPR Art. 18) or <see cref="SubmissionCodes.Unchanged"/>.
    /// </returns>
    /// <exception cref="ArgumentException">The actor or reason is empty, or the kind is not declared.</exception>
    public async ValueTask<OptinOperationResult> ChangeKindAsync(Guid contactId, ContactKind kind, string actor, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"{kind} is not a contact kind.", nameof(kind));
        }

        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await tx.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return OptinOperationResult.Failed(SubmissionCodes.ContactNotFound, "No such contact.");
        }

        if (contact.ProcessingRestricted)
        {
            return OptinOperationResult.Failed(SubmissionCodes.Restricted, "Processing is restricted for this person (GDPR Art. 18).", contact.Id);
        }

        if (contact.Kind == kind)
        {
            return OptinOperationResult.Failed(SubmissionCodes.Unchanged, $"The contact is already a {kind}.", contact.Id);
        }

        await tx.Contacts.SaveAsync(contact with { Kind = kind, UpdatedAt = now }, cancellationToken);
        await tx.Ledger.AppendAsync([new ConsentEvent
        {
            Id = RecordIds.New(),
            ContactId = contact.Id,
            Kind = ConsentEventKind.KindChanged,
            State = OptinState.None,
            Method = ConsentMethod.Manual,
            OccurredAt = now,
            PurposeId = string.Empty,
            Actor = actor,
            // The ledger has no column for kinds; the transition leads the reason so the entry (hash-chained) says what changed.
            Reason = $"{contact.Kind} → {kind}: {reason}",
        }], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return OptinOperationResult.Success(contact.Id, 1);
    }
}
