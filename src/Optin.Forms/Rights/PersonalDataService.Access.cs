using System.Text;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Retention;

namespace Optin.Forms.Rights;

/// <content>The readable answer to an access request (GDPR Art. 15, DSR-6).</content>
public sealed partial class PersonalDataService
{
    /// <summary>
    /// Writes the answer to an access request (GDPR Art. 15(1)(a)–(h), DSR-6) as one printable, self-contained HTML page
    /// in UTF-8, beside the machine-readable <see cref="ExportAsync"/>: the purposes and legal bases (each consent with
    /// its state and text, and the declared processing of each form the person sent), the categories of data held, the
    /// recipients (declared, and the disclosures in the job history), the retention and the planned erasure date (the
    /// retention sweep's own rule), the rights and how to exercise them, the right to complain to the supervisory
    /// authority, the source of the data, the absence of automated decision-making, and the emails sent to the person.
    /// Inline styles, no script, no external resource; every value HTML-encoded.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="culture">The language of the page (<c>fr</c> or <c>en</c>; others get English); the configured default culture when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the contact exists (nothing is written when it does not).</returns>
    public async Task<bool> WriteAccessReportAsync(Guid contactId, Stream output, string? culture, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await _store.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return false;
        }

        var catalog = _catalog.Current;
        var events = await _store.Ledger.ReadAsync(contactId, cancellationToken).ToListAsync(cancellationToken);
        var emails = new List<AccessReportHtml.SentEmailRow>();
        foreach (var sent in events.Where(e => e.Kind == ConsentEventKind.EmailSent))
        {
            emails.Add(new(sent, await FindSentEmailBodyAsync(sent, cancellationToken)));
        }

        var defaultRetention = Duration.FromTimeSpan(_options.Retention.DefaultProspectRetention);
        var submissions = await _store.Submissions.ListByContactAsync(contactId, cancellationToken).ToListAsync(cancellationToken);
        var data = new AccessReportHtml.Data
        {
            Contact = contact,
            Catalog = catalog,
            Culture = culture ?? catalog.DefaultCulture,
            GeneratedAt = _clock.GetCurrentInstant(),
            Submissions = submissions,
            Events = events,
            Disclosures = Disclosure.From(await _store.Jobs.ListJobsAsync(contactId, cancellationToken).ToListAsync(cancellationToken), contact.Email),
            Emails = emails,
            PlannedErasure = RetentionPolicy.ExpiresAt(contact, catalog, defaultRetention, submissions),
            DefaultRetention = defaultRetention,
        };

        var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await writer.WriteAsync(AccessReportHtml.Render(data).AsMemory(), cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The content of an email the ledger records as sent (its text as sent, minus the token), or <see langword="null"/>
    /// when none is kept: read from the content-addressed archive by the entry's <see cref="ConsentEvent.EmailSha256"/>
    /// (EVD-1), and only when the archived content still matches its hash.
    /// </summary>
    private async ValueTask<string?> FindSentEmailBodyAsync(ConsentEvent sent, CancellationToken cancellationToken) =>
        sent.EmailSha256 is { } sha256 && await _store.Archive.FindContentAsync(sha256, cancellationToken) is { } content && content.Verifies()
            ? content.Content
            : null;
}
