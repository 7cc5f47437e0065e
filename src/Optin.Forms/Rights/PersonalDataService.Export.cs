using System.Text.Json;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;

namespace Optin.Forms.Rights;

/// <content>Export of everything held (DSR-1) and of what the person provided (portability).</content>
public sealed partial class PersonalDataService
{
    /// <summary>The <c>schema</c> value of <see cref="ExportAsync"/>'s document.</summary>
    public const string ExportSchema = "optin.export/1";

    /// <summary>The <c>schema</c> value of <see cref="ExportPortableAsync"/>'s document.</summary>
    public const string PortableSchema = "optin.portable/1";

    /// <summary>
    /// Writes everything held on the person as one UTF-8 JSON document (schema <see cref="ExportSchema"/>, DSR-1):
    /// the contact with its fields, tags, opt-ins and flags; every submission with its values and proof; the whole
    /// ledger; the tokens' metadata (never a token or its hash); the jobs not yet finished and a count of the others
    /// by status; and whether the address is on the suppression list. Streamed: submissions and the ledger are read
    /// one at a time and flushed as they go.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the contact exists (nothing is written when it does not).</returns>
    public async Task<bool> ExportAsync(Guid contactId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await _store.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return false;
        }

        IReadOnlyList<TokenRecord> tokens;
        SuppressionEntry? suppression;
        await using (var tx = await _store.BeginTransactionAsync(cancellationToken))
        {
            tokens = await tx.Tokens.ListAsync(contactId, cancellationToken);
            suppression = await tx.Suppression.FindAsync(await AddressHasher.HashAsync(tx, _options, contact.EmailKey, cancellationToken), cancellationToken);
        }

        await using var writer = new Utf8JsonWriter(output, RightsJson.Options);
        writer.WriteStartObject();
        writer.WriteString("schema", ExportSchema);
        RightsJson.WriteInstant(writer, "generatedAt", _clock.GetCurrentInstant());
        RightsJson.WriteContact(writer, contact);

        writer.WriteStartArray("submissions");
        await foreach (var submission in _store.Submissions.ListByContactAsync(contactId, cancellationToken))
        {
            RightsJson.WriteSubmission(writer, submission, withValues: true);
            await RightsJson.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("ledger");
        await foreach (var e in _store.Ledger.ReadAsync(contactId, cancellationToken))
        {
            RightsJson.WriteEvent(writer, e);
            await RightsJson.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        RightsJson.WriteTokens(writer, tokens);
        await WriteJobsAsync(writer, contactId, cancellationToken);

        writer.WriteStartObject("suppression");
        var now = _clock.GetCurrentInstant();
        writer.WriteBoolean("listed", suppression is not null && suppression.ExpiresAt > now);
        if (suppression is not null)
        {
            writer.WriteString("reason", suppression.Reason);
            RightsJson.WriteInstant(writer, "createdAt", suppression.CreatedAt);
            RightsJson.WriteInstant(writer, "expiresAt", suppression.ExpiresAt);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Writes only what the person provided, for portability (GDPR Art. 20; schema <see cref="PortableSchema"/>): the
    /// address, the values they submitted on each form, and the consents they gave, confirmed or withdrew themselves
    /// (on a form or through a link), with the texts they agreed to. Streamed like <see cref="ExportAsync"/>.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the contact exists (nothing is written when it does not).</returns>
    public async Task<bool> ExportPortableAsync(Guid contactId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await _store.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return false;
        }

        await using var writer = new Utf8JsonWriter(output, RightsJson.Options);
        writer.WriteStartObject();
        writer.WriteString("schema", PortableSchema);
        RightsJson.WriteInstant(writer, "generatedAt", _clock.GetCurrentInstant());
        writer.WriteString("email", contact.Email);
        writer.WriteStartArray("submissions");
        await foreach (var s in _store.Submissions.ListByContactAsync(contactId, cancellationToken))
        {
            writer.WriteStartObject();
            writer.WriteString("formId", s.FormId);
            RightsJson.WriteInstant(writer, "receivedAt", s.ReceivedAt);
            RightsJson.WriteMap(writer, "values", s.Values);
            writer.WriteEndObject();
            await RightsJson.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("consents");
        await foreach (var e in _store.Ledger.ReadAsync(contactId, cancellationToken))
        {
            if (e.Method is not (ConsentMethod.Form or ConsentMethod.EmailLink)
                || e.Kind is not (ConsentEventKind.Given or ConsentEventKind.Confirmed or ConsentEventKind.Withdrawn or ConsentEventKind.Objected))
            {
                continue;
            }

            writer.WriteStartObject();
            writer.WriteString("purposeId", e.PurposeId);
            writer.WriteString("kind", e.Kind.ToString());
            writer.WriteString("state", e.State.ToString());
            RightsJson.WriteInstant(writer, "occurredAt", e.OccurredAt);
            if (e.ConsentText is not null)
            {
                writer.WriteString("consentText", e.ConsentText);
            }

            writer.WriteEndObject();
            await RightsJson.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
        return true;
    }

    private async ValueTask WriteJobsAsync(Utf8JsonWriter writer, Guid contactId, CancellationToken cancellationToken)
    {
        var finished = new SortedDictionary<string, long>(StringComparer.Ordinal);
        writer.WriteStartObject("jobs");
        writer.WriteStartArray("pending");
        await foreach (var job in _store.Jobs.ListJobsAsync(contactId, cancellationToken))
        {
            if (job.Status is JobStatus.Pending or JobStatus.Running)
            {
                writer.WriteStartObject();
                writer.WriteString("action", job.Action);
                if (job.PurposeId is not null)
                {
                    writer.WriteString("purposeId", job.PurposeId);
                }

                writer.WriteString("status", job.Status.ToString());
                RightsJson.WriteInstant(writer, "createdAt", job.CreatedAt);
                RightsJson.WriteInstant(writer, "dueAt", job.DueAt);
                writer.WriteEndObject();
            }
            else
            {
                finished[job.Status.ToString()] = finished.GetValueOrDefault(job.Status.ToString()) + 1;
            }
        }

        writer.WriteEndArray();
        writer.WriteStartObject("finishedByStatus");
        foreach (var (status, count) in finished)
        {
            writer.WriteNumber(status, count);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
