using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rights;

/// <summary>
/// The data subject's rights on one contact: export of everything held (DSR-1) and of what the person provided
/// (portability), erasure with a report (DSR-2, RET-3), rectification of the address through double opt-in (DSR-3)
/// and restriction of processing (GDPR Art. 18). Every change is written to the ledger with who made it and why.
/// </summary>
/// <remarks>
/// Registered by <c>AddOptinForms</c> as a singleton. It takes a contact id, never an address alone (DSR-4): callers
/// find the contact first, behind their own authorisation.
/// </remarks>
public sealed partial class PersonalDataService
{
    /// <summary>The reason a job of a restricted person is skipped with.</summary>
    public const string RestrictedReason = "Processing is restricted (GDPR Art. 18).";

    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IFormCatalogProvider _catalog;
    private readonly OptinFormsOptions _options;
    private readonly string _messageIdDomain;
    private readonly IMailSender? _mail;

    /// <summary>Creates the service.</summary>
    public PersonalDataService(IOptinStore store, IClock clock, IFormCatalogProvider catalog, IOptions<OptinFormsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _options = options.Value;
        _messageIdDomain = JobFactory.MessageIdDomain(_options);
    }

    /// <summary>
    /// Creates the service with the mail sender, so that erasure also deletes the <c>.eml</c> files the pickup directory
    /// sender wrote for the person (DSR-5).
    /// </summary>
    public PersonalDataService(IOptinStore store, IClock clock, IFormCatalogProvider catalog, IOptions<OptinFormsOptions> options,
        IMailSender mail)
        : this(store, clock, catalog, options)
    {
        _mail = mail ?? throw new ArgumentNullException(nameof(mail));
    }

    /// <summary>
    /// Sets or clears the restriction of processing (GDPR Art. 18), with an entry in the ledger. While set, the person's
    /// jobs are skipped when they come due, rules do not fire for them, manual and bulk opt-ins leave them alone and no
    /// email goes to them; their own withdrawal and confirmation links still work.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="restricted">Whether processing is restricted from now on.</param>
    /// <param name="actor">Who makes the change.</param>
    /// <param name="reason">Why (kept in the ledger; write no personal data here).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Success with a count of 1, or <see cref="SubmissionCodes.ContactNotFound"/> or <see cref="SubmissionCodes.Unchanged"/>.</returns>
    /// <exception cref="ArgumentException">The actor or reason is empty.</exception>
    public async ValueTask<OptinOperationResult> SetRestrictionAsync(Guid contactId, bool restricted, string actor, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await tx.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return OptinOperationResult.Failed(SubmissionCodes.ContactNotFound, "No such contact.");
        }

        if (contact.ProcessingRestricted == restricted)
        {
            return OptinOperationResult.Failed(SubmissionCodes.Unchanged,
                restricted ? "Processing is already restricted." : "Processing is not restricted.", contact.Id);
        }

        await tx.Contacts.SaveAsync(contact with { ProcessingRestricted = restricted, UpdatedAt = now }, cancellationToken);
        await tx.Ledger.AppendAsync([Operator(contact.Id, restricted ? ConsentEventKind.ProcessingRestricted : ConsentEventKind.RestrictionLifted,
            string.Empty, OptinState.None, now, actor, reason)], cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return OptinOperationResult.Success(contact.Id, 1);
    }

    private static ConsentEvent Operator(Guid contactId, ConsentEventKind kind, string purposeId, OptinState state, Instant at, string actor,
        string reason) => new()
    {
        Id = RecordIds.New(),
        ContactId = contactId,
        Kind = kind,
        State = state,
        Method = ConsentMethod.Manual,
        OccurredAt = at,
        PurposeId = purposeId,
        Actor = actor,
        Reason = reason,
    };
}
