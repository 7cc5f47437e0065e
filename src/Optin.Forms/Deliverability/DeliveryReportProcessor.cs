using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Deliverability;

/// <summary>
/// Applies DSNs and feedback reports in one transaction each: a permanent failure marks the address undeliverable, a
/// transient one is counted, a complaint withdraws every marketing purpose and suppresses the address.
/// </summary>
/// <remarks>
/// Anyone can write a DSN or a feedback report to the bounce mailbox, so a report changes a person's state only when it
/// is about a message we sent to that very address: the report must return the original message or its headers, and
/// their Message-ID must be the one of an email the contact's ledger records as sent to that address (only the
/// recipient's mail system has seen it; Message-IDs are random). Other reports are ignored, with the reason. A replay is
/// recognised by the report's identity (its Message-ID, or a SHA-256 of the message), kept as a counter for 400 days, and
/// by the state itself (an address already marked).
/// </remarks>
internal sealed class DeliveryReportProcessor(IOptinStore store, IClock clock, IFormCatalogProvider catalog, IOptions<OptinFormsOptions> options,
    IEnumerable<IOptinEventListener> listeners, ILogger<DeliveryReportProcessor> logger) : IDeliveryReportProcessor
{
    /// <summary>The reason the ledger records for a withdrawal by complaint, and the job cancellation reason.</summary>
    public const string ComplaintReason = "complaint";

    private readonly IOptinEventListener[] _listeners = [.. listeners];

    public async ValueTask<DeliveryReportOutcome> ApplyAsync(MimeMessage report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var (parsed, refusal) = DeliveryReportReader.Read(report);
        if (parsed is null)
        {
            DeliverabilityLog.ReportRefused(logger, refusal!);
            return new DeliveryReportOutcome(DeliveryReportStatus.Refused, refusal);
        }

        // Every address is checked before anything is written: a report with an unreadable address changes nothing.
        var addresses = new List<(DeliveryReportRecipient Recipient, NormalizedEmail Email)>();
        foreach (var recipient in parsed.Recipients)
        {
            if (!EmailAddressNormalizer.TryNormalize(recipient.Address, out var email, out _))
            {
                return Refused("Malformed delivery status notification: a recipient is not a valid address.");
            }

            addresses.Add((recipient, email));
        }

        NormalizedEmail? complainer = null;
        if (parsed.Complaint is { Address: { } address } && !EmailAddressNormalizer.TryNormalize(address, out complainer, out _))
        {
            return Refused("Malformed feedback report: the reported recipient is not a valid address.");
        }

        if (addresses.Count == 0 && parsed.Complaint is null)
        {
            return Ignored("The report holds no failure and no complaint.");
        }

        if (parsed.Complaint is not null && complainer is null)
        {
            return Ignored("The feedback report names no recipient (redacted by the provider).");
        }

        // Which addresses the report is tied to, read before the transaction (the "email sent" entries are long committed).
        var tied = new HashSet<string>(StringComparer.Ordinal);
        foreach (var email in addresses.Select(a => a.Email).Append(complainer).OfType<NormalizedEmail>())
        {
            if (await WasSentToAsync(parsed.OriginalMessageId, email, cancellationToken))
            {
                tied.Add(email.Key);
            }
        }

        var now = SubmissionPipeline.Truncate(clock.GetCurrentInstant());
        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        var seenKey = "deliverability:report:" + parsed.Identity;
        if (await tx.Counters.GetAsync(seenKey, now, cancellationToken) > 0)
        {
            return Ignored("The report was applied before.");
        }

        int permanent = 0, transient = 0, unknown = 0, untied = 0;
        foreach (var (recipient, email) in addresses)
        {
            var hash = await AddressHasher.HashAsync(tx, options.Value, email.Key, cancellationToken);
            if (!await DeliverabilityMarks.IsKnownAsync(tx, email.Key, hash, cancellationToken))
            {
                unknown++;
            }
            else if (!tied.Contains(email.Key))
            {
                untied++;
            }
            else if (!recipient.Permanent)
            {
                await DeliverabilityMarks.CountAsync(tx, DeliverabilityMarks.Transient, now, cancellationToken);
                transient++;
            }
            else if (await DeliverabilityMarks.SuppressAsync(tx, hash, SuppressionReasons.Undeliverable, now, cancellationToken))
            {
                await DeliverabilityMarks.CountAsync(tx, DeliverabilityMarks.Permanent, now, cancellationToken);
                permanent++;
            }
        }

        var complained = false;
        if (parsed.Complaint is { } complaint)
        {
            if (tied.Contains(complainer!.Key))
            {
                complained = await ComplainAsync(tx, complaint, complainer, now, cancellationToken);
            }
            else if (await DeliverabilityMarks.IsKnownAsync(tx, complainer.Key,
                await AddressHasher.HashAsync(tx, options.Value, complainer.Key, cancellationToken), cancellationToken))
            {
                untied++;
            }
            else
            {
                unknown++;
            }
        }

        if (permanent + transient == 0 && !complained)
        {
            return Ignored(untied > 0 ? Untied
                : unknown > 0 ? "The report is about an address we never mailed." : "The report changes nothing: already applied.");
        }

        await tx.Counters.IncrementAsync(seenKey, now, now + Duration.FromDays(400), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        DeliverabilityLog.ReportApplied(logger, permanent, transient, complained);
        return new DeliveryReportOutcome(DeliveryReportStatus.Applied);
    }

    /// <summary>Why a report about a known address is ignored when it is not tied to a message we sent there.</summary>
    internal const string Untied = "The report is not tied to a message we sent to that address (the Message-ID of the original "
        + "message is missing, or is not one of ours to it): ignored, since anyone can write a report.";

    /// <summary>
    /// Whether the contact holding <paramref name="email"/> has an "email sent" entry with <paramref name="messageId"/>
    /// to that address.
    /// </summary>
    private async ValueTask<bool> WasSentToAsync(string? messageId, NormalizedEmail email, CancellationToken cancellationToken)
    {
        if (messageId is null || await store.Contacts.FindByEmailKeyAsync(email.Key, cancellationToken) is not { } contact)
        {
            return false;
        }

        await foreach (var e in store.Ledger.ReadAsync(contact.Id, cancellationToken))
        {
            if (e.Kind == ConsentEventKind.EmailSent && string.Equals(e.MessageId, messageId, StringComparison.Ordinal)
                && e.Address is { } address && EmailAddressNormalizer.TryNormalize(address, out var sent, out _) && sent.Key == email.Key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Withdraws every marketing purpose the person holds, with the complaint in the ledger, and suppresses the address.</summary>
    private async ValueTask<bool> ComplainAsync(IOptinTransaction tx, DeliveryReportComplaint complaint, NormalizedEmail email, Instant now,
        CancellationToken cancellationToken)
    {
        var hash = await AddressHasher.HashAsync(tx, options.Value, email.Key, cancellationToken);
        if (!await DeliverabilityMarks.IsKnownAsync(tx, email.Key, hash, cancellationToken))
        {
            return false;
        }

        var changed = false;
        if (await tx.Contacts.FindByEmailKeyAsync(email.Key, cancellationToken) is { } contact)
        {
            var cat = catalog.Current;
            var updated = contact;
            var events = new List<ConsentEvent>();
            var changes = new List<ContactOptinChanged>();
            foreach (var purpose in cat.Purposes.Values.Where(p => p.Marketing).OrderBy(p => p.Id, StringComparer.Ordinal))
            {
                var previous = contact.GetState(purpose.Id);
                if (previous is not (OptinState.OptedIn or OptinState.PendingConfirmation))
                {
                    continue;
                }

                updated = updated.WithOptin(purpose.Id, OptinState.Withdrawn, now);
                events.Add(ContactOptinService.Operator(purpose, cat, ConsentEventKind.Withdrawn, ConsentMethod.System, OptinState.Withdrawn, now,
                    Actor(complaint), ComplaintReason, null) with
                {
                    Id = RecordIds.New(),
                    ContactId = contact.Id,
                    MessageId = complaint.OriginalMessageId,
                });
                await tx.Jobs.CancelAsync(contact.Id, purpose.Id, ComplaintReason, now, cancellationToken);
                await tx.Tokens.RevokeAsync(contact.Id, purpose.Id, TokenKind.Confirm, now, cancellationToken);
                changes.Add(new ContactOptinChanged(contact.Id, now, purpose.Id, previous, OptinState.Withdrawn, ConsentMethod.System));
            }

            if (events.Count > 0)
            {
                await tx.Contacts.SaveAsync(updated with { UpdatedAt = now }, cancellationToken);
                await tx.Ledger.AppendAsync(events, cancellationToken);
                foreach (var change in changes)
                {
                    await OptinEventListeners.RaiseAsync(_listeners, change, tx, cancellationToken);
                }

                changed = true;
            }
        }

        changed |= await DeliverabilityMarks.SuppressAsync(tx, hash, SuppressionReasons.Complaint, now, cancellationToken);
        if (changed)
        {
            await DeliverabilityMarks.CountAsync(tx, DeliverabilityMarks.Complaints, now, cancellationToken);
        }

        return changed;
    }

    /// <summary>Who the ledger says acted: the feedback loop, with the software that wrote the report and the arrival date given.</summary>
    private static string Actor(DeliveryReportComplaint complaint) =>
        $"feedback-report ({complaint.FeedbackType}{(complaint.UserAgent is { } agent ? ", " + agent : string.Empty)}"
        + $"{(complaint.ArrivalDate is { } arrived ? ", arrived " + arrived : string.Empty)})";

    private DeliveryReportOutcome Refused(string reason)
    {
        DeliverabilityLog.ReportRefused(logger, reason);
        return new DeliveryReportOutcome(DeliveryReportStatus.Refused, reason);
    }

    private DeliveryReportOutcome Ignored(string reason)
    {
        DeliverabilityLog.ReportIgnored(logger, reason);
        return new DeliveryReportOutcome(DeliveryReportStatus.Ignored, reason);
    }
}
