using System.Text;
using System.Text.Json;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Rights;

/// <summary>
/// Builds the evidence chain of one person (DOI-10) as a document, as versioned JSON (schema
/// <see cref="EvidenceDocument.SchemaId"/>) and as a printable, self-contained HTML page.
/// </summary>
/// <remarks>Registered by <c>AddOptinForms</c>. Takes a contact id, never an address alone (DSR-4).</remarks>
public sealed class EvidenceService
{
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly IFormCatalogProvider? _catalog;

    /// <summary>Creates the service.</summary>
    /// <param name="store">The store.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="catalog">The configuration: the default culture, time zone and controller of the page; none means English and UTC.</param>
    public EvidenceService(IOptinStore store, IClock clock, IFormCatalogProvider? catalog = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _catalog = catalog;
    }

    /// <summary>The evidence chain of a contact.</summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The document, or <see langword="null"/> when there is no such contact.</returns>
    public async ValueTask<EvidenceDocument?> GetEvidenceAsync(Guid contactId, CancellationToken cancellationToken)
    {
        if (await _store.Contacts.FindAsync(contactId, cancellationToken) is not { } contact)
        {
            return null;
        }

        var events = await _store.Ledger.ReadAsync(contactId, cancellationToken).ToListAsync(cancellationToken);
        return new EvidenceDocument
        {
            ContactId = contact.Id,
            Email = contact.Email,
            CreatedAt = contact.CreatedAt,
            GeneratedAt = _clock.GetCurrentInstant(),
            ProcessingRestricted = contact.ProcessingRestricted,
            Submissions = await _store.Submissions.ListByContactAsync(contactId, cancellationToken).ToListAsync(cancellationToken),
            Events = events,
            Contents = await ResolveAsync(events, cancellationToken),
        };
    }

    /// <summary>Every content a hash of <paramref name="events"/> stands for, as the archive holds it (EVD-1), in first-seen order.</summary>
    private async ValueTask<IReadOnlyList<ArchivedContent>> ResolveAsync(List<ConsentEvent> events, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var contents = new List<ArchivedContent>();
        foreach (var hash in events.SelectMany(Hashes))
        {
            if (seen.Add(hash) && await _store.Archive.FindContentAsync(hash, cancellationToken) is { } content)
            {
                contents.Add(content);
            }
        }

        return contents;
    }

    private static IEnumerable<string> Hashes(ConsentEvent e) =>
        new[] { e.FormSha256, e.ConsentBoxSha256, e.ConsentTextSha256, e.PurposeTextSha256, e.PrivacyNoticeSha256, e.TemplateSha256, e.EmailSha256 }
            .Where(h => h is not null)!;

    /// <summary>
    /// Records that <paramref name="actor"/> read the evidence or export of a contact (EVD-1): the access log is
    /// append-only and outlives erasure; it names the contact by id only.
    /// </summary>
    /// <param name="contactId">The contact whose data was read.</param>
    /// <param name="actor">The signed-in identity that read it.</param>
    /// <param name="action">What was read (<c>evidence.html</c>, <c>evidence.json</c>, <c>export</c>).</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>The entry stored.</returns>
    /// <exception cref="ArgumentException">The actor or action is empty.</exception>
    public async ValueTask<EvidenceAccess> RecordAccessAsync(Guid contactId, string actor, string action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        var access = new EvidenceAccess(RecordIds.New(), contactId, actor, action, SubmissionPipeline.Truncate(_clock.GetCurrentInstant()));
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        await tx.Archive.AppendAccessAsync(access, cancellationToken);
        await tx.CommitAsync(cancellationToken);
        return access;
    }

    /// <summary>
    /// Writes the evidence chain as UTF-8 JSON: <c>schema</c>, the contact, <c>submissions</c> and <c>events</c>; each
    /// event with a text also says whether the stored text still matches its stored hash (<c>consentTextVerified</c>, <c>purposeTextVerified</c>).
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the contact exists (nothing is written when it does not).</returns>
    public async Task<bool> WriteEvidenceJsonAsync(Guid contactId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await GetEvidenceAsync(contactId, cancellationToken) is not { } evidence)
        {
            return false;
        }

        await WriteJsonAsync(evidence, output, cancellationToken);
        return true;
    }

    /// <summary>Writes <paramref name="evidence"/> as UTF-8 JSON (see <see cref="WriteEvidenceJsonAsync"/>).</summary>
    /// <param name="evidence">The document.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    public static async Task WriteJsonAsync(EvidenceDocument evidence, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(output);
        await using var writer = new Utf8JsonWriter(output, RightsJson.Options);
        writer.WriteStartObject();
        writer.WriteString("schema", EvidenceDocument.SchemaId);
        RightsJson.WriteInstant(writer, "generatedAt", evidence.GeneratedAt);
        writer.WriteStartObject("contact");
        writer.WriteString("id", evidence.ContactId);
        writer.WriteString("email", evidence.Email);
        RightsJson.WriteInstant(writer, "createdAt", evidence.CreatedAt);
        writer.WriteBoolean("processingRestricted", evidence.ProcessingRestricted);
        writer.WriteEndObject();
        writer.WriteStartArray("submissions");
        foreach (var submission in evidence.Submissions)
        {
            RightsJson.WriteSubmission(writer, submission, withValues: false);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("events");
        foreach (var e in evidence.Events)
        {
            RightsJson.WriteEvent(writer, e, verify: true);
            await RightsJson.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("contents");
        foreach (var c in evidence.Contents)
        {
            writer.WriteStartObject();
            writer.WriteString("sha256", c.Sha256);
            writer.WriteString("kind", c.Kind);
            writer.WriteString("mediaType", c.MediaType);
            RightsJson.WriteInstant(writer, "storedAt", c.StoredAt);
            writer.WriteBoolean("verified", c.Verifies());
            writer.WriteString("content", c.Content);
            writer.WriteEndObject();
            await RightsJson.FlushIfFullAsync(writer, cancellationToken);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the evidence chain as one printable HTML page in UTF-8, in the configured default culture (see
    /// <see cref="WriteEvidenceHtmlAsync(Guid, string, Stream, CancellationToken)"/>).
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the contact exists (nothing is written when it does not).</returns>
    public Task<bool> WriteEvidenceHtmlAsync(Guid contactId, Stream output, CancellationToken cancellationToken) =>
        WriteEvidenceHtmlAsync(contactId, null, output, cancellationToken);

    /// <summary>
    /// Writes the evidence chain as one printable HTML page in UTF-8 (EVD-1): in French for a <c>fr</c> culture and in
    /// English otherwise, a plain-language account of what happened first, then the technical annex (every field of
    /// every entry and the archived content behind every hash); times in the configured time zone
    /// (<c>OptinForms:DataProtection:TimeZone</c>) with their UTC offset. Inline styles, no script, no external
    /// resource; every value HTML-encoded.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="culture">The page's culture; <see langword="null"/> for the configured default culture.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the contact exists (nothing is written when it does not).</returns>
    public async Task<bool> WriteEvidenceHtmlAsync(Guid contactId, string? culture, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await GetEvidenceAsync(contactId, cancellationToken) is not { } evidence)
        {
            return false;
        }

        var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            var catalog = _catalog?.Current;
            var texts = EvidenceTexts.For(string.IsNullOrWhiteSpace(culture) ? catalog?.DefaultCulture : culture);
            await EvidenceHtml.WriteAsync(evidence, texts, catalog?.DataProtection.TimeZone ?? DateTimeZone.Utc, catalog?.DataProtection.Controller,
                writer, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>Whether a stored text still hashes to its stored SHA-256; <see langword="null"/> when either is missing.</summary>
    internal static bool? Verify(string? text, string? sha256) =>
        text is null || sha256 is null ? null : string.Equals(Hashing.Sha256Hex(text), sha256, StringComparison.OrdinalIgnoreCase);

    internal static IEnumerable<(string Label, string Value)> Details(ConsentEvent e, EvidenceTexts t)
    {
        (string, string?)[] all =
        [
            ("Form", e.FormId is null ? null : $"{e.FormId} ({t["version"]} {e.FormVersion})"),
            ("Submission", e.SubmissionId?.ToString()),
            ("PurposeVersion", e.PurposeVersion),
            ("ConsentText", e.ConsentText),
            ("ConsentTextSha256", e.ConsentTextSha256 is null ? null : e.ConsentTextSha256 + Check(Verify(e.ConsentText, e.ConsentTextSha256), t)),
            ("PurposeText", e.PurposeText),
            ("PurposeTextSha256", e.PurposeTextSha256 is null ? null : e.PurposeTextSha256 + Check(Verify(e.PurposeText, e.PurposeTextSha256), t)),
            ("PrivacyNotice", e.PrivacyNotice),
            ("Controller", e.Controller),
            ("Culture", e.Culture),
            ("Page", e.SourceUrl),
            ("IpAddress", e.IpAddress),
            ("UserAgent", e.UserAgent),
            ("Template", e.TemplateId),
            ("TemplateSha256", e.TemplateSha256),
            ("MessageId", e.MessageId),
            ("Actor", e.Actor),
            ("Reason", e.Reason),
            ("LegalBasis", e.LegalBasis),
            ("Address", e.Address),
            ("PreviousAddress", e.PreviousAddress),
            ("FormSha256", e.FormSha256),
            ("ConsentBoxSha256", e.ConsentBoxSha256),
            ("PrivacyNoticeSha256", e.PrivacyNoticeSha256),
            ("EmailSha256", e.EmailSha256),
            ("Hash", e.Hash is null ? null
                : e.Hash + Check(e.PreviousHash is null ? null : string.Equals(LedgerChain.ComputeHash(e, e.PreviousHash), e.Hash, StringComparison.Ordinal), t)),
            ("PreviousHash", e.PreviousHash),
        ];
        return all.Where(d => d.Item2 is not null).Select(d => (t["label." + d.Item1], d.Item2!));
    }

    private static string Check(bool? verified, EvidenceTexts t) => verified switch
    {
        true => t["matches"],
        false => t["mismatch"],
        null => string.Empty,
    };
}
