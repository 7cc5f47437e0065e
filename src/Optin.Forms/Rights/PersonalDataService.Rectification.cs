using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rights;

/// <content>Rectification of the email address (DSR-3).</content>
public sealed partial class PersonalDataService
{
    /// <summary>
    /// Changes a contact's email address (DSR-3). The new address goes through double opt-in: every marketing purpose
    /// opted in or pending, and every other pending purpose, moves back to pending; the confirmation links sent to the
    /// old address stop working, the jobs queued for those purposes are cancelled, and a confirmation email is queued
    /// for the new address (in the default culture) under the usual caps. One <see cref="ConsentEventKind.EmailChanged"/>
    /// entry per purpose moved (or one without a purpose) records who did it and why, with the previous and the new address,
    /// so that the evidence still shows which address confirmed before the change (EVD-1).
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="newEmail">The new address, as typed.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why (kept in the ledger; write no personal data here).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>
    /// Success with how many purposes went back to double opt-in; or <see cref="SubmissionCodes.InvalidEmail"/>,
    /// <see cref="SubmissionCodes.ContactNotFound"/>, <see cref="SubmissionCodes.Restricted"/>,
    /// <see cref="SubmissionCodes.Unchanged"/> or <see cref="SubmissionCodes.EmailTaken"/> (another contact holds the address).
    /// </returns>
    /// <exception cref="ArgumentException">The actor or reason is empty.</exception>
    public async ValueTask<OptinOperationResult> RectifyEmailAsync(Guid contactId, string newEmail, string actor, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(newEmail);
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (!EmailAddressNormalizer.TryNormalize(newEmail, out var email, out var code))
        {
            return OptinOperationResult.Failed(code, "Not a valid email address.", contactId);
        }

        var catalog = _catalog.Current;
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

        if (string.Equals(contact.Email, email.Address, StringComparison.Ordinal))
        {
            return OptinOperationResult.Failed(SubmissionCodes.Unchanged, "The contact already has this address.", contact.Id);
        }

        if (await tx.Contacts.FindByEmailKeyAsync(email.Key, cancellationToken) is { } holder && holder.Id != contact.Id)
        {
            return OptinOperationResult.Failed(SubmissionCodes.EmailTaken, "Another contact holds this address.", contact.Id);
        }

        // The same mailbox written differently (the key is unchanged) needs no new confirmation.
        var sameMailbox = string.Equals(contact.EmailKey, email.Key, StringComparison.Ordinal);
        var moved = sameMailbox
            ? []
            : catalog.Purposes.Values
                .Where(p => contact.GetState(p.Id) == OptinState.PendingConfirmation || (p.Marketing && contact.GetState(p.Id) == OptinState.OptedIn))
                .OrderBy(p => p.Id, StringComparer.Ordinal)
                .ToList();
        var updated = contact with { Email = email.Address, EmailKey = email.Key, UpdatedAt = now };
        if (!sameMailbox)
        {
            // A preference link sent to the old address must not show or manage the new one (#20).
            await Preferences.PreferenceTokens.RevokeAllAsync(tx, contact.Id, now, cancellationToken);
        }

        var events = new List<ConsentEvent>();
        foreach (var purpose in moved)
        {
            updated = updated.WithOptin(purpose.Id, OptinState.PendingConfirmation, now);
            await tx.Tokens.RevokeAsync(contact.Id, purpose.Id, TokenKind.Confirm, now, cancellationToken);
            await tx.Jobs.CancelAsync(contact.Id, purpose.Id, "email changed", now, cancellationToken);
            events.Add(Operator(contact.Id, ConsentEventKind.EmailChanged, purpose.Id, OptinState.PendingConfirmation, now, actor, reason) with
            {
                PreviousAddress = contact.Email,
                Address = email.Address,
            });
        }

        if (events.Count == 0)
        {
            events.Add(Operator(contact.Id, ConsentEventKind.EmailChanged, string.Empty, OptinState.None, now, actor, reason) with
            {
                PreviousAddress = contact.Email,
                Address = email.Address,
            });
        }

        await tx.Contacts.SaveAsync(updated, cancellationToken);
        await tx.Ledger.AppendAsync(events, cancellationToken);
        foreach (var purpose in moved)
        {
            await tx.Jobs.EnqueueAsync(DoubleOptinRequestService.CreateJob(contact.Id, purpose.Id, catalog.DefaultCulture, now, _messageIdDomain,
                "EmailRectified"), cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return OptinOperationResult.Success(contact.Id, moved.Count);
    }
}
