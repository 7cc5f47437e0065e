using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.DoubleOptin;

/// <summary>
/// Double opt-in on request, not only from forms: for one contact entered by hand or imported (the business cards of
/// a trade show), or for every contact matching a query. Each gets the same confirmation email under the same caps
/// (DOI-7) and stays without opt-in until it confirms.
/// </summary>
public sealed class DoubleOptinRequestService
{
    /// <summary>The action that sends the confirmation email.</summary>
    public const string Action = "SendDoubleOptinEmail";

    private readonly IFormCatalogProvider _catalog;
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly string _messageIdDomain;
    private readonly DoubleOptinOptions _options;

    /// <summary>Creates the service.</summary>
    public DoubleOptinRequestService(IFormCatalogProvider catalog, IOptinStore store, IClock clock, IOptions<OptinFormsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _messageIdDomain = JobFactory.MessageIdDomain(options.Value);
        _options = options.Value.DoubleOptin;
    }

    /// <summary>Queues a confirmation email for one contact.</summary>
    /// <returns>Success with a count of 1, 0 when the contact is already confirmed, withdrawn or objected; or a refusal.</returns>
    public ValueTask<OptinOperationResult> RequestAsync(Guid contactId, string purposeId, string? culture, CancellationToken cancellationToken) =>
        RequestOneAsync(contactId, purposeId, culture, null, cancellationToken);

    /// <summary>
    /// Queues a confirmation email for one contact at an operator's request: with the job, in the same transaction, the
    /// ledger records a <see cref="ConsentEventKind.DoubleOptinRequested"/> entry (method <see cref="ConsentMethod.Manual"/>)
    /// with <paramref name="actor"/>, <paramref name="reason"/> and the contact's state for the purpose at that time.
    /// </summary>
    /// <returns>Success with a count of 1, 0 when the contact is already confirmed, withdrawn or objected (nothing recorded); or a refusal.</returns>
    /// <exception cref="ArgumentException"><paramref name="actor"/> or <paramref name="reason"/> is empty.</exception>
    public ValueTask<OptinOperationResult> RequestAsync(Guid contactId, string purposeId, string? culture, string actor, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return RequestOneAsync(contactId, purposeId, culture, new Requester(actor, reason, ConsentMethod.Manual), cancellationToken);
    }

    /// <summary>
    /// As <see cref="RequestForQueryAsync(ContactQuery, string, string?, CancellationToken)"/>, at an operator's request:
    /// each contact queued gets, in the transaction of its batch, a <see cref="ConsentEventKind.DoubleOptinRequested"/>
    /// ledger entry (method <see cref="ConsentMethod.Bulk"/>) with <paramref name="actor"/>, <paramref name="reason"/> and
    /// its state for the purpose at that time.
    /// </summary>
    /// <returns>Success with how many emails were queued, or a refusal.</returns>
    /// <exception cref="ArgumentException"><paramref name="actor"/> or <paramref name="reason"/> is empty.</exception>
    public ValueTask<OptinOperationResult> RequestForQueryAsync(ContactQuery query, string purposeId, string? culture, string actor, string reason,
        CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return RequestForQueryAsync(query, purposeId, culture, new Requester(actor, reason, ConsentMethod.Bulk), cancellationToken);
    }

    /// <summary>
    /// Queues a confirmation email for every contact matching <paramref name="query"/>: the matches are read as a stream
    /// and queued <c>DoubleOptin:QueryBatchSize</c> at a time, one transaction per batch, with due times spread so that the
    /// job worker sends <c>DoubleOptin:QueryRequestsPerMinute</c> emails a minute.
    /// </summary>
    /// <remarks>
    /// A list of any size is neither held in memory nor written in one long transaction, and does not reach the mail
    /// server all at once. Batches committed before a failure stay queued; running the request again queues those
    /// contacts a second time, under the resend caps (DOI-7).
    /// </remarks>
    /// <returns>Success with how many emails were queued, or a refusal.</returns>
    public ValueTask<OptinOperationResult> RequestForQueryAsync(ContactQuery query, string purposeId, string? culture, CancellationToken cancellationToken) =>
        RequestForQueryAsync(query, purposeId, culture, null, cancellationToken);

    private async ValueTask<OptinOperationResult> RequestForQueryAsync(ContactQuery query, string purposeId, string? culture, Requester? requester,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var catalog = _catalog.Current;
        if (catalog.FindPurpose(purposeId) is not { } purpose)
        {
            return OptinOperationResult.Failed(SubmissionCodes.UnknownPurpose, $"The purpose '{purposeId}' is not declared.");
        }

        var resolvedCulture = SubmissionPipeline.ResolveCulture(culture, catalog.DefaultCulture);
        var now = _clock.GetCurrentInstant();
        var spacing = Duration.FromMinutes(1) / Math.Max(1, _options.QueryRequestsPerMinute);
        var batchSize = Math.Max(1, _options.QueryBatchSize);
        var batch = new List<Contact>(Math.Min(batchSize, 1024));
        var queued = 0;
        await foreach (var contact in _store.Contacts.QueryAsync(query, cancellationToken))
        {
            batch.Add(contact);
            if (batch.Count >= batchSize)
            {
                queued += await QueueBatchAsync(batch, purpose, catalog, resolvedCulture, now, queued, spacing, requester, cancellationToken);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            queued += await QueueBatchAsync(batch, purpose, catalog, resolvedCulture, now, queued, spacing, requester, cancellationToken);
        }

        return OptinOperationResult.Success(null, queued);
    }

    /// <summary>
    /// Queues the confirmation email for <paramref name="contact"/> in <paramref name="tx"/>, unless the contact is
    /// already confirmed, withdrawn, objected to a marketing purpose, or restricted (used by imports, in their own transaction).
    /// </summary>
    /// <returns>Whether a job was queued.</returns>
    internal ValueTask<bool> EnqueueAsync(IOptinTransaction tx, Contact contact, PurposeDefinition purpose, string culture, Instant now,
        CancellationToken cancellationToken) => EnqueueAsync(tx, contact, purpose, culture, now, now, cancellationToken);

    internal async ValueTask<bool> EnqueueAsync(IOptinTransaction tx, Contact contact, PurposeDefinition purpose, string culture, Instant now,
        Instant due, CancellationToken cancellationToken)
    {
        var state = contact.GetState(purpose.Id);
        if (state is OptinState.OptedIn or OptinState.Withdrawn || (purpose.Marketing && contact.ObjectedToMarketing) || contact.ProcessingRestricted)
        {
            return false;
        }

        await tx.Jobs.EnqueueAsync(CreateJob(contact.Id, purpose.Id, culture, now, _messageIdDomain, "DoubleOptinRequested", due), cancellationToken);
        return true;
    }

    /// <summary>The job that sends a confirmation email for <paramref name="purposeId"/> to the contact, due now.</summary>
    internal static JobRecord CreateJob(Guid contactId, string purposeId, string culture, Instant now, string messageIdDomain, string eventType,
        Instant? due = null)
    {
        var payload = new JobPayload
        {
            Args = new(StringComparer.OrdinalIgnoreCase) { ["Purpose"] = purposeId },
            EventType = eventType,
            Culture = culture,
            PurposeId = purposeId,
        };
        return JobFactory.Create(Action, null, contactId, purposeId, payload, now, due ?? now, messageIdDomain);
    }

    private async ValueTask<int> QueueBatchAsync(List<Contact> batch, PurposeDefinition purpose, FormCatalog catalog, string culture, Instant now,
        int alreadyQueued, Duration spacing, Requester? requester, CancellationToken cancellationToken)
    {
        var queued = 0;
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        foreach (var contact in batch)
        {
            var due = now + (spacing * (alreadyQueued + queued));
            if (await EnqueueAsync(tx, contact, purpose, culture, now, due, cancellationToken))
            {
                queued++;
                await RecordAsync(tx, contact, purpose, catalog, now, requester, cancellationToken);
            }
        }

        await tx.CommitAsync(cancellationToken);
        return queued;
    }

    private async ValueTask<OptinOperationResult> RequestOneAsync(Guid contactId, string purposeId, string? culture, Requester? requester,
        CancellationToken cancellationToken)
    {
        var catalog = _catalog.Current;
        if (catalog.FindPurpose(purposeId) is not { } purpose)
        {
            return OptinOperationResult.Failed(SubmissionCodes.UnknownPurpose, $"The purpose '{purposeId}' is not declared.");
        }

        var resolvedCulture = SubmissionPipeline.ResolveCulture(culture, catalog.DefaultCulture);
        var now = _clock.GetCurrentInstant();
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        if (await tx.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return OptinOperationResult.Failed(SubmissionCodes.ContactNotFound, "No such contact.");
        }

        var queued = await EnqueueAsync(tx, contact, purpose, resolvedCulture, now, now, cancellationToken) ? 1 : 0;
        if (queued == 1)
        {
            await RecordAsync(tx, contact, purpose, catalog, now, requester, cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
        return OptinOperationResult.Success(contactId, queued);
    }

    /// <summary>The ledger entry of a request an operator made (none for a request without one, e.g. an import's).</summary>
    private static async ValueTask RecordAsync(IOptinTransaction tx, Contact contact, PurposeDefinition purpose, FormCatalog catalog, Instant now,
        Requester? requester, CancellationToken cancellationToken)
    {
        if (requester is not { } who)
        {
            return;
        }

        var entry = ContactOptinService.Operator(purpose, catalog, ConsentEventKind.DoubleOptinRequested, who.Method, contact.GetState(purpose.Id),
            SubmissionPipeline.Truncate(now), who.Actor, who.Reason, null) with { Id = RecordIds.New(), ContactId = contact.Id };
        await tx.Ledger.AppendAsync([entry], cancellationToken);
    }

    private sealed record Requester(string Actor, string Reason, ConsentMethod Method);
}
