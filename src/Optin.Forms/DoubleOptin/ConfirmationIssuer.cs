using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// Decides whether a confirmation email may go and, if so, issues its token: not to a confirmed address (DOI-8), nor
/// a withdrawn or suppressed one (DOI-9), and within the caps (DOI-7); each send gets a fresh token.
/// </summary>
internal sealed class ConfirmationIssuer(IOptinStore store, IClock clock, IFormCatalogProvider catalog, IOptions<OptinFormsOptions> options)
{
    private readonly OptinFormsOptions _options = options.Value;

    /// <summary>
    /// Issues one token for <paramref name="purposeIds"/>, or for those of them that may still be confirmed: each purpose is
    /// checked on its own (confirmed, withdrawn, objected, no longer pending, its cap per pending record), the address once
    /// (restriction, suppression, its cap per day: one email is one send).
    /// </summary>
    /// <returns>A skip when no purpose is left; else the token, the contact and the purposes the token confirms.</returns>
    public async ValueTask<(JobOutcome? Skip, string? Token, Contact? Contact, IReadOnlyList<string> Purposes)> IssueAsync(JobRecord job,
        IReadOnlyList<string> purposeIds, bool onlyIfPending, string? culture, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var tx = await store.BeginTransactionAsync(cancellationToken);
        if (job.ContactId is not { } contactId || await tx.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return (JobOutcome.Skipped("The contact no longer exists."), null, null, []);
        }

        var hash = await AddressHasher.HashAsync(tx, _options, contact.EmailKey, cancellationToken);
        var suppressed = await tx.Suppression.FindAsync(hash, cancellationToken) is { } entry && entry.ExpiresAt > now ? entry : null;

        if (contact.ProcessingRestricted)
        {
            return (JobOutcome.Skipped(Rights.PersonalDataService.RestrictedReason), null, contact, []);
        }

        // An opt-in made for an address erased before (a re-import), or kept while the address bounced or complained, is not a
        // confirmation: the new one may go (RET-3), and confirming it lifts the entry.
        var reconfirm = suppressed is not null && SuppressionReasons.LiftedByDoubleOptin(suppressed);
        var purposes = new List<string>(purposeIds.Count);
        var refused = new List<string>();
        foreach (var purposeId in purposeIds)
        {
            var why = contact.GetState(purposeId) switch
            {
                OptinState.OptedIn when !reconfirm => "Already confirmed: no email (DOI-8).",
                OptinState.Withdrawn => "Withdrawn (WD-4).",
                OptinState.None when onlyIfPending => "No longer pending.",
                _ when contact.ObjectedToMarketing && catalog.Current.FindPurpose(purposeId)?.Marketing == true => "The person objected to direct marketing (WD-6).",
                _ when suppressed is not null && !SuppressionReasons.LiftedByDoubleOptin(suppressed) => "The address is suppressed (DOI-9).",
                // An undeliverable address gets only the confirmation of a sign-up posted since the mark (the person came
                // back through a form): a reminder of the sign-up that bounced does not go.
                _ when suppressed is not null && string.Equals(suppressed.Reason, SuppressionReasons.Undeliverable, StringComparison.Ordinal)
                    && !(contact.Optins.GetValueOrDefault(purposeId)?.ChangedAt > suppressed.CreatedAt)
                    => "The address is undeliverable: only a sign-up posted since may reach it (DOI-9).",
                _ => null,
            };
            if (why is null && job.Attempts <= 1)
            {
                // A retry of this job is the same message, not a resend: only the first attempt counts against the caps.
                // Increment, then check the value the store returned: the increment is atomic (a row lock on the
                // counter), so two concurrent sends can never both see a value under the cap. A refused send rolls its
                // increments back with the transaction.
                var doi = _options.DoubleOptin;
                var pendingKey = $"doi:pending:{contact.Id:N}:{purposeId.ToUpperInvariant()}";
                if (await tx.Counters.IncrementAsync(pendingKey, now, now + Duration.FromTimeSpan(doi.DeleteUnconfirmedAfter), cancellationToken)
                    > doi.MaxSendsPerPending)
                {
                    why = $"The cap of {doi.MaxSendsPerPending} confirmation emails per pending record is reached (DOI-7).";
                }
            }

            if (why is null)
            {
                purposes.Add(purposeId);
            }
            else
            {
                refused.Add(purposeIds.Count == 1 ? why : $"{purposeId}: {why}");
            }
        }

        if (purposes.Count == 0)
        {
            return (JobOutcome.Skipped(refused.Count == 0 ? "No purpose to confirm." : string.Join(' ', refused)), null, contact, []);
        }

        if (job.Attempts <= 1)
        {
            var doi = _options.DoubleOptin;
            var dayStart = now.InUtc().Date.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
            var dayKey = $"doi:day:{hash}:{dayStart.ToUnixTimeSeconds()}";
            if (await tx.Counters.IncrementAsync(dayKey, now, dayStart + Duration.FromDays(1), cancellationToken) > doi.MaxSendsPerAddressPerDay)
            {
                return (JobOutcome.Skipped($"The cap of {doi.MaxSendsPerAddressPerDay} confirmation emails per address per day is reached (DOI-7)."),
                    null, contact, []);
            }
        }

        var (token, tokenHash) = OptinToken.Create();
        await tx.Tokens.SaveAsync(new TokenRecord
        {
            Hash = tokenHash,
            Kind = TokenKind.Confirm,
            ContactId = contact.Id,
            PurposeId = purposes[0],
            OtherPurposeIds = [.. purposes.Skip(1)],
            Culture = culture,
            JobId = job.Id,
            CreatedAt = now,
            ExpiresAt = now + Duration.FromTimeSpan(_options.DoubleOptin.TokenLifetime),
        }, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return (null, token, contact, purposes);
    }

    /// <summary>Issues an unsubscribe token for a marketing email (WD-1, WD-7: it can only withdraw).</summary>
    public ValueTask<string> IssueUnsubscribeAsync(IOptinTransaction tx, Guid contactId, string purposeId, string? culture,
        CancellationToken cancellationToken) =>
        IssueLinkAsync(tx, TokenKind.Unsubscribe, _options.DoubleOptin.UnsubscribeTokenLifetime, contactId, purposeId, culture, cancellationToken);

    /// <summary>
    /// Issues a preference page token for a marketing email: it can show what the person consented to, withdraw and object,
    /// never confirm or subscribe (DOI-3, WD-7). Bound to the purpose of the email only for the record: the page covers
    /// every purpose the contact holds.
    /// </summary>
    public ValueTask<string> IssuePreferencesAsync(IOptinTransaction tx, Guid contactId, string purposeId, string? culture,
        CancellationToken cancellationToken) =>
        IssueLinkAsync(tx, TokenKind.Preferences, _options.DoubleOptin.PreferencesTokenLifetime, contactId, purposeId, culture, cancellationToken);

    /// <summary>Stores a new token of <paramref name="kind"/> (only its hash) in the email's transaction and returns it.</summary>
    private async ValueTask<string> IssueLinkAsync(IOptinTransaction tx, TokenKind kind, TimeSpan lifetime, Guid contactId,
        string purposeId, string? culture, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        var (token, hash) = OptinToken.Create();
        await tx.Tokens.SaveAsync(new TokenRecord
        {
            Hash = hash,
            Kind = kind,
            ContactId = contactId,
            PurposeId = purposeId,
            Culture = culture,
            CreatedAt = now,
            ExpiresAt = now + Duration.FromTimeSpan(lifetime),
        }, cancellationToken);
        return token;
    }
}
