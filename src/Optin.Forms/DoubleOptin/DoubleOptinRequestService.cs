using Microsoft.Extensions.Options;
using NodaTime;
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

    /// <summary>Creates the service.</summary>
    public DoubleOptinRequestService(IFormCatalogProvider catalog, IOptinStore store, IClock clock, IOptions<OptinFormsOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _messageIdDomain = JobFactory.MessageIdDomain(options.Value);
    }

    /// <summary>Queues a confirmation email for one contact.</summary>
    /// <returns>Success with a count of 1, 0 when the contact is already confirmed, withdrawn or objected; or a refusal.</returns>
    public ValueTask<OptinOperationResult> RequestAsync(Guid contactId, string purposeId, string? culture, CancellationToken cancellationToken) =>
        RequestCoreAsync(null, contactId, purposeId, culture, cancellationToken);

    /// <summary>Queues a confirmation email for every contact matching <paramref name="query"/>, in one transaction.</summary>
    /// <returns>Success with how many emails were queued, or a refusal.</returns>
    public ValueTask<OptinOperationResult> RequestForQueryAsync(ContactQuery query, string purposeId, string? culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return RequestCoreAsync(query, null, purposeId, culture, cancellationToken);
    }

    /// <summary>
    /// Queues the confirmation email for <paramref name="contact"/> in <paramref name="tx"/>, unless the contact is
    /// already confirmed, withdrawn, objected to a marketing purpose, or restricted (used by imports, in their own transaction).
    /// </summary>
    /// <returns>Whether a job was queued.</returns>
    internal async ValueTask<bool> EnqueueAsync(IOptinTransaction tx, Contact contact, PurposeDefinition purpose, string culture, Instant now,
        CancellationToken cancellationToken)
    {
        var state = contact.GetState(purpose.Id);
        if (state is OptinState.OptedIn or OptinState.Withdrawn || (purpose.Marketing && contact.ObjectedToMarketing) || contact.ProcessingRestricted)
        {
            return false;
        }

        await tx.EnqueueJobAsync(CreateJob(contact.Id, purpose.Id, culture, now, _messageIdDomain, "DoubleOptinRequested"), cancellationToken);
        return true;
    }

    /// <summary>The job that sends a confirmation email for <paramref name="purposeId"/> to the contact, due now.</summary>
    internal static JobRecord CreateJob(Guid contactId, string purposeId, string culture, Instant now, string messageIdDomain, string eventType)
    {
        var payload = new JobPayload
        {
            Args = new(StringComparer.OrdinalIgnoreCase) { ["Purpose"] = purposeId },
            EventType = eventType,
            Culture = culture,
            PurposeId = purposeId,
        };
        return JobFactory.Create(Action, null, contactId, purposeId, payload, now, now, messageIdDomain);
    }

    private async ValueTask<OptinOperationResult> RequestCoreAsync(ContactQuery? query, Guid? contactId, string purposeId, string? culture,
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
        List<Contact> contacts;
        if (contactId is { } id)
        {
            if (await tx.FindContactAsync(id, cancellationToken) is not { } one)
            {
                return OptinOperationResult.Failed(SubmissionCodes.ContactNotFound, "No such contact.");
            }

            contacts = [one];
        }
        else
        {
            contacts = await _store.Contacts.QueryAsync(query!, cancellationToken).ToListAsync(cancellationToken);
        }

        var queued = 0;
        foreach (var contact in contacts)
        {
            queued += await EnqueueAsync(tx, contact, purpose, resolvedCulture, now, cancellationToken) ? 1 : 0;
        }

        await tx.CommitAsync(cancellationToken);
        return OptinOperationResult.Success(contactId, queued);
    }
}
