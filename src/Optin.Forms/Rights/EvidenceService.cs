using System.Text;
using System.Text.Json;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

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

    /// <summary>Creates the service.</summary>
    public EvidenceService(IOptinStore store, IClock clock)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
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

        return new EvidenceDocument
        {
            ContactId = contact.Id,
            Email = contact.Email,
            CreatedAt = contact.CreatedAt,
            GeneratedAt = _clock.GetCurrentInstant(),
            ProcessingRestricted = contact.ProcessingRestricted,
            Submissions = await _store.Submissions.ListByContactAsync(contactId, cancellationToken).ToListAsync(cancellationToken),
            Events = await _store.Ledger.ReadAsync(contactId, cancellationToken).ToListAsync(cancellationToken),
        };
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
        writer.WriteEndObject();
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes the evidence chain as one printable HTML page in UTF-8: inline styles, no script, no external resource;
    /// every value HTML-encoded.
    /// </summary>
    /// <param name="contactId">The contact.</param>
    /// <param name="output">Where to write; left open.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>Whether the contact exists (nothing is written when it does not).</returns>
    public async Task<bool> WriteEvidenceHtmlAsync(Guid contactId, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (await GetEvidenceAsync(contactId, cancellationToken) is not { } evidence)
        {
            return false;
        }

        var writer = new StreamWriter(output, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            await EvidenceHtml.WriteAsync(evidence, writer, cancellationToken);
            await writer.FlushAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>Whether a stored text still hashes to its stored SHA-256; <see langword="null"/> when either is missing.</summary>
    internal static bool? Verify(string? text, string? sha256) =>
        text is null || sha256 is null ? null : string.Equals(Hashing.Sha256Hex(text), sha256, StringComparison.OrdinalIgnoreCase);

    internal static IEnumerable<(string Label, string Value)> Details(ConsentEvent e)
    {
        (string, string?)[] all =
        [
            ("Form", e.FormId is null ? null : $"{e.FormId} (version {e.FormVersion})"),
            ("Submission", e.SubmissionId?.ToString()),
            ("Purpose version", e.PurposeVersion),
            ("Consent text", e.ConsentText),
            ("Consent text SHA-256", e.ConsentTextSha256 is null ? null : e.ConsentTextSha256 + Check(Verify(e.ConsentText, e.ConsentTextSha256))),
            ("Purpose text", e.PurposeText),
            ("Purpose text SHA-256", e.PurposeTextSha256 is null ? null : e.PurposeTextSha256 + Check(Verify(e.PurposeText, e.PurposeTextSha256))),
            ("Privacy notice", e.PrivacyNotice),
            ("Controller", e.Controller),
            ("Culture", e.Culture),
            ("Page", e.SourceUrl),
            ("IP address", e.IpAddress),
            ("User agent", e.UserAgent),
            ("Template", e.TemplateId),
            ("Template SHA-256", e.TemplateSha256),
            ("Message-ID", e.MessageId),
            ("Actor", e.Actor),
            ("Reason", e.Reason),
            ("Legal basis", e.LegalBasis),
            ("Entry hash (LEDG-1 chain)", e.Hash is null ? null
                : e.Hash + Check(e.PreviousHash is null ? null : string.Equals(LedgerChain.ComputeHash(e, e.PreviousHash), e.Hash, StringComparison.Ordinal))),
            ("Previous entry hash", e.PreviousHash),
        ];
        return all.Where(d => d.Item2 is not null).Select(d => (d.Item1, d.Item2!));
    }

    private static string Check(bool? verified) => verified switch
    {
        true => " (matches the text)",
        false => " (DOES NOT match the text)",
        null => string.Empty,
    };
}
