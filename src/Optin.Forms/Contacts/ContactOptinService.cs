using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Diagnostics;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Contacts;

/// <summary>
/// Opt-in by hand and in bulk on the result of a query, contacts entered by hand, and objections; every change is
/// written to the consent ledger with who made it, why, and on what legal basis.
/// </summary>
public sealed class ContactOptinService
{
    private readonly IFormCatalogProvider _catalog;
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IOptinEventListener[] _handlers;
    private readonly ILogger<ContactOptinService> _logger;
    private readonly IOptions<OptinFormsOptions> _options;

    /// <summary>Creates the service.</summary>
    public ContactOptinService(IFormCatalogProvider catalog, IOptinStore store, IClock clock,
        IEnumerable<IOptinEventListener> handlers, ILogger<ContactOptinService> logger, IOptions<OptinFormsOptions> options)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        ArgumentNullException.ThrowIfNull(handlers);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _handlers = [.. handlers];
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Adds a contact entered by hand, with no opt-in; an address already known returns the existing contact.</summary>
    /// <returns>Success with the contact's id, or <see cref="SubmissionCodes.InvalidEmail"/>.</returns>
    public async ValueTask<OptinOperationResult> AddContactAsync(NewContact contact, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(contact);
        if (!EmailAddressNormalizer.TryNormalize(contact.Email, out var email, out var code))
        {
            return OptinOperationResult.Failed(code, "Not a valid email address.");
        }

        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        var existing = await tx.Contacts.FindByEmailKeyAsync(email.Key, cancellationToken);
        if (existing is not null)
        {
            return OptinOperationResult.Success(existing.Id, 0);
        }

        var created = new Contact
        {
            Id = RecordIds.New(),
            Kind = contact.Kind,
            Email = email.Address,
            EmailKey = email.Key,
            Fields = contact.Fields ?? [],
            CreatedAt = now,
            UpdatedAt = now,
            LastActivityAt = now,
        };
        await tx.Contacts.SaveAsync(created, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return OptinOperationResult.Success(created.Id, 1);
    }

    /// <summary>Sets one contact's opt-in by hand.</summary>
    /// <returns>Success, or a refusal: unknown contact or purpose, an objection (WD-6), or no change.</returns>
    /// <exception cref="ArgumentException">The actor, reason or legal basis is empty, or the state is <see cref="OptinState.PendingConfirmation"/>.</exception>
    public async ValueTask<OptinOperationResult> SetOptinAsync(ManualOptinChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        CheckAccountability(change.State, change.Actor, change.Reason, change.LegalBasis);
        var catalog = _catalog.Current;
        if (catalog.FindPurpose(change.PurposeId) is not { } purpose)
        {
            return OptinOperationResult.Failed(SubmissionCodes.UnknownPurpose, $"The purpose '{change.PurposeId}' is not declared.");
        }

        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await tx.Contacts.FindAsync(change.ContactId, cancellationToken) is not { } contact)
        {
            return OptinOperationResult.Failed(SubmissionCodes.ContactNotFound, "No such contact.");
        }

        if (contact.ProcessingRestricted && change.State == OptinState.OptedIn)
        {
            return OptinOperationResult.Failed(SubmissionCodes.Restricted, "Processing is restricted for this person (GDPR Art. 18).", contact.Id);
        }

        if (purpose.Marketing && change.State == OptinState.OptedIn
            && await tx.Suppression.FindAsync(await AddressHasher.HashAsync(tx, _options.Value, contact.EmailKey, cancellationToken), cancellationToken) is { } suppressed
            && suppressed.ExpiresAt > now)
        {
            return OptinOperationResult.Failed(SubmissionCodes.Suppressed,
                "The address is on the suppression list; only the person's own double opt-in can opt it in again (RET-3, DOI-9).", contact.Id);
        }

        if (purpose.Marketing && contact.ObjectedToMarketing && change.State == OptinState.OptedIn)
        {
            return OptinOperationResult.Failed(SubmissionCodes.Objected,
                "The person objected to direct marketing; only their own new consent can lift it.", contact.Id);
        }

        var previous = contact.GetState(purpose.Id);
        if (purpose.Marketing && previous == OptinState.Withdrawn && change.State == OptinState.OptedIn)
        {
            return OptinOperationResult.Failed(SubmissionCodes.Withdrawn,
                "The person withdrew this purpose; only their own double opt-in can opt them in again (RET-3): send them a confirmation request.", contact.Id);
        }

        if (previous == change.State)
        {
            return OptinOperationResult.Failed(SubmissionCodes.Unchanged, $"The opt-in is already {change.State}.", contact.Id);
        }

        if (change.State != OptinState.OptedIn)
        {
            // WD-4: what was queued for this person and purpose no longer applies, and a confirmation link sent earlier
            // must not undo the change.
            await tx.Jobs.CancelAsync(contact.Id, purpose.Id, "withdrawn", now, cancellationToken);
            await tx.Tokens.RevokeAsync(contact.Id, purpose.Id, TokenKind.Confirm, now, cancellationToken);
        }

        await tx.Contacts.SaveAsync(contact.WithOptin(purpose.Id, change.State, now), cancellationToken);
        await tx.Ledger.AppendAsync([Operator(purpose, catalog, ConsentEventKind.SetManually, ConsentMethod.Manual, change.State, now,
            change.Actor, change.Reason, change.LegalBasis) with { Id = RecordIds.New(), ContactId = contact.Id }], cancellationToken);
        await OptinEventListeners.RaiseAsync(_handlers, new ContactOptinChanged(contact.Id, now, purpose.Id, previous, change.State, ConsentMethod.Manual), tx, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return OptinOperationResult.Success(contact.Id, 1);
    }

    /// <summary>
    /// Sets the opt-in of every contact matching the query, set-based in one transaction, one ledger entry per changed
    /// contact. Contacts who objected are never opted in to a marketing purpose (WD-6); a change away from opted-in
    /// cancels the changed contacts' pending jobs for the purpose (WD-4).
    /// </summary>
    /// <remarks>
    /// Each changed contact raises <see cref="ContactOptinChanged"/> (method <see cref="ConsentMethod.Bulk"/>) to the
    /// listeners that handle it, batch by batch as the store applies the change, so rules on it run for bulk changes
    /// too. When no listener handles it, no contact id leaves the store and the change stays purely set-based.
    /// </remarks>
    /// <exception cref="ArgumentException">The actor, reason or legal basis is empty, or the state is <see cref="OptinState.PendingConfirmation"/>.</exception>
    public async ValueTask<OptinOperationResult> SetOptinInBulkAsync(BulkOptinRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(request.Query);
        CheckAccountability(request.State, request.Actor, request.Reason, request.LegalBasis);
        var catalog = _catalog.Current;
        if (catalog.FindPurpose(request.PurposeId) is not { } purpose)
        {
            return OptinOperationResult.Failed(SubmissionCodes.UnknownPurpose, $"The purpose '{request.PurposeId}' is not declared.");
        }

        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        var template = Operator(purpose, catalog, ConsentEventKind.SetInBulk, ConsentMethod.Bulk, request.State, now,
            request.Actor, request.Reason, request.LegalBasis);

        // Listeners that ignore the event (the rule engine without a rule on it) cost nothing: the store then returns no ids.
        var listeners = _handlers.Where(h => h.ListensTo(typeof(ContactOptinChanged))).ToArray();
        // Restricted contacts (GDPR Art. 18) are never opted in by a bulk change; withdrawals still reach them.
        var query = request.State == OptinState.OptedIn ? request.Query with { ProcessingRestricted = false } : request.Query;
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        var change = new BulkOptinChange(purpose.Id, request.State, purpose.Marketing && request.State == OptinState.OptedIn, template)
        {
            // WD-4: what was queued for these persons and this purpose no longer applies.
            CancelJobsReason = request.State == OptinState.OptedIn ? null : "withdrawn",
            // RET-3: after a withdrawal, only the person's own double opt-in gives a marketing consent back.
            SkipWithdrawn = purpose.Marketing && request.State == OptinState.OptedIn,
            OnChanged = listeners.Length == 0 ? null : async (batch, ct) =>
            {
                foreach (var (id, previous) in batch)
                {
                    await OptinEventListeners.RaiseAsync(listeners, new ContactOptinChanged(id, now, purpose.Id, previous, request.State, ConsentMethod.Bulk), tx, ct);
                }
            },
        };
        var count = await tx.Contacts.SetOptinInBulkAsync(query, change, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        OptinLog.BulkOptinApplied(_logger, purpose.Id, request.State, count, request.Actor);
        return OptinOperationResult.Success(null, count);
    }

    /// <summary>Counts the contacts a bulk change on <paramref name="query"/> would consider (its dry run).</summary>
    public ValueTask<long> CountAsync(ContactQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return _store.Contacts.CountAsync(query, cancellationToken);
    }

    /// <summary>
    /// Records an objection to direct marketing (GDPR Art. 21(2)): every marketing purpose is withdrawn and stays blocked
    /// for manual changes, bulk changes and rules (WD-6).
    /// </summary>
    public async ValueTask<OptinOperationResult> ObjectToMarketingAsync(Guid contactId, ConsentMethod method, string? actor,
        CancellationToken cancellationToken)
    {
        var catalog = _catalog.Current;
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await tx.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return OptinOperationResult.Failed(SubmissionCodes.ContactNotFound, "No such contact.");
        }

        var events = new List<ConsentEvent>();
        var changes = new List<ContactOptinChanged>();
        var updated = contact with { ObjectedToMarketing = true, UpdatedAt = now };
        foreach (var purpose in catalog.Purposes.Values.Where(p => p.Marketing).OrderBy(p => p.Id, StringComparer.Ordinal))
        {
            var previous = contact.GetState(purpose.Id);
            var state = previous == OptinState.None ? OptinState.None : OptinState.Withdrawn;
            updated = updated.WithOptin(purpose.Id, state, now);
            events.Add(Operator(purpose, catalog, ConsentEventKind.Objected, method, state, now, actor, null, null)
                with { Id = RecordIds.New(), ContactId = contact.Id });
            await tx.Jobs.CancelAsync(contact.Id, purpose.Id, "objected", now, cancellationToken);
            // A confirmation link sent before the objection must not lift it (WD-6).
            await tx.Tokens.RevokeAsync(contact.Id, purpose.Id, TokenKind.Confirm, now, cancellationToken);
            if (previous != state)
            {
                changes.Add(new ContactOptinChanged(contact.Id, now, purpose.Id, previous, state, method));
            }
        }

        await tx.Contacts.SaveAsync(updated, cancellationToken);
        await tx.Ledger.AppendAsync(events, cancellationToken);
        foreach (var changed in changes)
        {
            await OptinEventListeners.RaiseAsync(_handlers, changed, tx, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return OptinOperationResult.Success(contact.Id, changes.Count);
    }

    internal static ConsentEvent Operator(PurposeDefinition purpose, FormCatalog catalog, ConsentEventKind kind, ConsentMethod method,
        OptinState state, Instant now, string? actor, string? reason, string? legalBasis)
    {
        var text = purpose.GetText(catalog.DefaultCulture, catalog.DefaultCulture);
        return new ConsentEvent
        {
            Id = Guid.Empty,
            ContactId = Guid.Empty,
            Kind = kind,
            State = state,
            Method = method,
            OccurredAt = now,
            PurposeId = purpose.Id,
            PurposeVersion = text.Version,
            ConsentText = text.Consent,
            ConsentTextSha256 = text.ConsentSha256,
            PurposeText = text.Purpose,
            PurposeTextSha256 = text.PurposeSha256,
            PrivacyNotice = purpose.PrivacyNotice,
            Controller = purpose.Controller,
            Culture = text.Culture,
            Actor = actor,
            Reason = reason,
            LegalBasis = legalBasis,
        };
    }

    private static void CheckAccountability(OptinState state, string actor, string reason, string legalBasis)
    {
        if (state == OptinState.PendingConfirmation)
        {
            throw new ArgumentException("A pending confirmation comes from a double opt-in request, not from a manual change.", nameof(state));
        }

        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(legalBasis);
    }
}
