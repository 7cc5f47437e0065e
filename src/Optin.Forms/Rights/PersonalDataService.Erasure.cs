using System.Collections.Immutable;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Retention;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rights;

/// <content>Erasure (DSR-2, RET-3).</content>
public sealed partial class PersonalDataService
{
    /// <summary>
    /// Erases a contact in one transaction (DSR-2, DSR-5): the contact with its fields, tags and opt-ins, its submissions,
    /// its ledger entries and its tokens are removed and its pending jobs cancelled (a job already running finds no contact
    /// and sends nothing). Kept: a tombstone without personal data (proof that the erasure happened, with the actor, the
    /// reason code and the reference), a keyed hash of the address on the suppression list so that a re-import cannot
    /// market to it without a new double opt-in (RET-3), and the finished jobs' history (contact id, action, status,
    /// dates, Message-ID, and the recipient of a disclosure, not the person's address; their payloads are scrubbed), whose
    /// disclosures the report lists (GDPR Art. 19). When the mail sender is the pickup directory, the <c>.eml</c>
    /// files of the contact's jobs are deleted after the commit.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="actor">Who erases.</param>
    /// <param name="reason">Why, as a code (kept on the tombstone).</param>
    /// <param name="reference">
    /// The reference of the request, such as a ticket number, or <see langword="null"/>: 1 to 64 letters, digits and
    /// <c>- _ . / : #</c>, so that no name can be written into the tombstone (<see cref="ErasureReasons.IsValidReference"/>).
    /// </param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The report, or <see langword="null"/> when there is no such contact.</returns>
    /// <exception cref="ArgumentException">
    /// The actor is empty, the reason is not a declared value or the reference is not valid; nothing is erased.
    /// </exception>
    public async ValueTask<ErasureReport?> EraseAsync(Guid contactId, string actor, ErasureReason reason, string? reference,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        if (!Enum.IsDefined(reason))
        {
            throw new ArgumentException("The erasure reason is not a declared value.", nameof(reason));
        }

        var reasonText = ErasureReasons.Format(reason, reference);

        // Counted from the committed state just before the erasure; the transaction below removes whatever is there.
        var submissions = await _store.Submissions.ListByContactAsync(contactId, cancellationToken).CountAsync(cancellationToken);
        var ledger = await _store.Ledger.ReadAsync(contactId, cancellationToken).CountAsync(cancellationToken);
        var jobs = await _store.Jobs.ListJobsAsync(contactId, cancellationToken).ToListAsync(cancellationToken);
        var finishedJobs = jobs.Count(j => j.Status is not (JobStatus.Pending or JobStatus.Running));

        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await tx.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return null;
        }

        var tokens = (await tx.Tokens.ListAsync(contactId, cancellationToken)).Count;
        var cancelled = await tx.Jobs.CancelAsync(contactId, null, "erased", now, cancellationToken);
        var suppressedUntil = await ErasureSuppression.KeepAfterErasureAsync(tx, await AddressHasher.HashAsync(tx, _options, contact.EmailKey, cancellationToken), now,
            now + Duration.FromTimeSpan(_options.DoubleOptin.SuppressAfterErasure), cancellationToken);

        var tombstone = OptinLedger.Tombstone(contactId, string.Empty, now, reasonText) with { Method = ConsentMethod.Manual, Actor = actor };
        await tx.Contacts.EraseAsync(contactId, tombstone, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        var pickupFiles = await RemovePickupFilesAsync(contactId, cancellationToken);

        return new ErasureReport
        {
            ContactId = contactId,
            ErasedAt = now,
            Removed = new Dictionary<string, long>
            {
                ["contact"] = 1,
                ["fields"] = contact.Fields.Count,
                ["tags"] = contact.Tags.Count,
                ["optins"] = contact.Optins.Count,
                ["submissions"] = submissions,
                ["ledgerEntries"] = ledger,
                ["tokens"] = tokens,
                ["jobsCancelled"] = cancelled,
                ["pickupFiles"] = pickupFiles,
            }.ToImmutableSortedDictionary(StringComparer.Ordinal),
            Kept =
            [
                new("tombstone", 1, "A ledger entry without personal data (contact id, time, actor, reason) proves that the "
                    + "erasure was made, as the controller must be able to show (GDPR Art. 5(2), 17; CONS-8)."),
                new("suppression", 1, $"A keyed hash of the address (not the address) until {suppressedUntil:uuuu'-'MM'-'dd}, so that a "
                    + "re-import cannot send marketing to it without a new double opt-in, which lifts it (RET-3)."),
                new("jobHistory", finishedJobs, "Finished jobs keep the contact id, action, status, dates and Message-ID, and for a "
                    + "disclosure the recipient (listed in disclosedTo, GDPR Art. 19), but not the person's address or the content "
                    + "(their payloads are scrubbed): the record of what was sent, to whom and when."),
            ],
            DisclosedTo = [.. Disclosure.From(jobs, contact.Email)],
        };
    }

    // Erasure (DSR-5): tombstone by contact id, pickup files.

    /// <summary>
    /// The tombstone of an erased contact (DSR-5): when, why (code and reference) and by whom it was erased, so that the
    /// erasure stays provable after the contact is gone.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The tombstone, or <see langword="null"/> when the contact was never erased (it exists, or never existed).</returns>
    public async ValueTask<ErasureTombstone?> FindTombstoneAsync(Guid contactId, CancellationToken cancellationToken)
    {
        ErasureTombstone? found = null;
        await foreach (var e in _store.Ledger.ReadAsync(contactId, cancellationToken))
        {
            if (e.Kind == ConsentEventKind.Erased)
            {
                var (reason, reference) = ErasureReasons.Parse(e.Reason);
                found = new ErasureTombstone(contactId, e.OccurredAt, reason, reference, e.Actor);
            }
        }

        return found;
    }

    private ValueTask<long> RemovePickupFilesAsync(Guid contactId, CancellationToken cancellationToken) =>
        PickupErasure.RemoveAsync(_mail, _store, [contactId], cancellationToken);
}
