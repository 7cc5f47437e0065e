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
/// Only addresses the store knows are touched (a contact holds it, or the suppression list has it): a report about any
/// other address is about mail we never sent. A replay is recognised by the report's identity (its Message-ID, or a
/// SHA-256 of the message), kept as a counter for 400 days, and by the state itself (an address already marked).
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

        var now = SubmissionPipeline.Truncate(clock.GetCurrentInstant());
        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        var seenKey = "deliverability:report:" + parsed.Identity;
        if (await tx.Counters.GetAsync(seenKey, now, cancellationToken) > 0)
        {
            return Ignored("The report was applied before.");
        }

        int permanent = 0, transient = 0, unknown = 0;
        foreach (var (recipient, email) in addresses)
        {
            var hash = await AddressHasher.HashAsync(tx, options.Value, email.Key, cancellationToken);
            if (!await DeliverabilityMarks.IsKnownAsync(tx, email.Key, hash, cancellationToken))
            {
                unknown++;
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

        var complained = parsed.Complaint is { } complaint && await ComplainAsync(tx, complaint, complainer!, now, cancellationToken);
        if (permanent + transient == 0 && !complained)
        {
            return Ignored(unknown > 0 ? "The report is about an address we never mailed." : "The report changes nothing: already applied.");
        }

        await tx.Counters.IncrementAsync(seenKey, now, now + Duration.FromDays(400), cancellationToken);
        await tx.CommitAsync(cancellationToken);
        DeliverabilityLog.ReportApplied(logger, permanent, transient, complained);
        return new DeliveryReportOutcome(DeliveryReportStatus.Applied);
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
