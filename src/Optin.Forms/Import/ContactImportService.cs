using System.Collections.Immutable;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Contacts;
using Optin.Forms.Diagnostics;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Retention;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Import;

/// <summary>
/// Imports contacts from CSV (the business cards of a trade show, a CRM export) without ever opting anyone in.
/// </summary>
/// <remarks>
/// <para>The header maps columns by name (case-insensitive): <c>email</c> (required), <c>kind</c> (<c>Lead</c>,
/// <c>Contact</c>, <c>Account</c>) and the fields of the configured forms; other columns are ignored and listed.
/// Addresses are normalised (SEC-5); an address already known updates that contact (non-empty values overwrite its
/// fields) rather than creating a second one. A row that fails validation is reported with its line and nothing of it
/// is stored. Rows are written in batches, one store transaction per batch.</para>
/// <para>Consent cannot be imported: no opt-in state changes and no consent event is written. The import is recorded
/// on each contact as the fields <c>import.source</c> and <c>import.actor</c> (the latest import; these names cannot
/// clash with form fields). A new contact's retention starts at the import; an update does not count as the person's
/// active contact. Optionally each imported contact gets a double opt-in email for one purpose, and stays without
/// opt-in until it confirms.</para>
/// <para>An address on the suppression list is skipped (RET-3): an entry in force always, the marker an erasure leaves
/// as long as no contact holds the address again (that is, until the person comes back on their own).</para>
/// </remarks>
public sealed class ContactImportService
{
    /// <summary>The contact field holding the source of the latest import.</summary>
    public const string SourceField = "import.source";

    /// <summary>The contact field holding who ran the latest import.</summary>
    public const string ActorField = "import.actor";

    private readonly IFormCatalogProvider _catalog;
    private readonly IOptinStore _store;
    private readonly IClock _clock;
    private readonly DoubleOptinRequestService _doubleOptin;
    private readonly OptinFormsOptions _options;
    private readonly ILogger<ContactImportService> _logger;

    /// <summary>Creates the service.</summary>
    public ContactImportService(IFormCatalogProvider catalog, IOptinStore store, IClock clock, DoubleOptinRequestService doubleOptin,
        IOptions<OptinFormsOptions> options, ILogger<ContactImportService> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _catalog = catalog ?? throw new ArgumentNullException(nameof(catalog));
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _clock = clock ?? throw new ArgumentNullException(nameof(clock));
        _doubleOptin = doubleOptin ?? throw new ArgumentNullException(nameof(doubleOptin));
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Imports the CSV in <paramref name="csv"/> (read to its end, left open).</summary>
    /// <returns>The report; <see cref="ContactImportReport.Refused"/> when the file as a whole cannot be imported.</returns>
    /// <exception cref="ArgumentException">The source or actor is empty, too long or holds control characters, or the batch size is below 1.</exception>
    public async ValueTask<ContactImportReport> ImportAsync(Stream csv, ContactImportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(csv);
        ArgumentNullException.ThrowIfNull(request);
        CheckLabel(request.Source, nameof(request.Source));
        CheckLabel(request.Actor, nameof(request.Actor));
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BatchSize, 1, nameof(request));
        var catalog = _catalog.Current;
        var report = new ContactImportReport { DryRun = request.DryRun };
        PurposeDefinition? purpose = null;
        if (request.RequestDoubleOptinFor is { } purposeId && (purpose = catalog.FindPurpose(purposeId)) is null)
        {
            return report with { Refused = new(0, SubmissionCodes.UnknownPurpose, $"The purpose '{purposeId}' is not declared.") };
        }

        if (request.FormId is { } formId && catalog.FindForm(formId) is null)
        {
            return report with { Refused = new(0, SubmissionCodes.UnknownForm, $"The form '{formId}' is not declared.") };
        }

        using var text = new StreamReader(csv, new UTF8Encoding(false, true), detectEncodingFromByteOrderMarks: true, bufferSize: 16 * 1024, leaveOpen: true);
        var reader = new CsvRecordReader(text);
        var header = await reader.ReadHeaderAsync(cancellationToken);
        var (columns, refusal) = ImportColumns.Map(header, FieldsOf(catalog, request.FormId));
        if (refusal is not null)
        {
            return report with { Refused = refusal };
        }

        var state = new Progress(request, purpose, SubmissionPipeline.ResolveCulture(request.Culture, catalog.DefaultCulture));
        var batch = new List<ImportRow>(Math.Max(1, request.BatchSize));
        while (await reader.ReadAsync(cancellationToken) is { } record)
        {
            if (columns!.Parse(record) is { } row)
            {
                batch.Add(row);
            }
            else
            {
                state.Invalid(columns.LastError!);
            }

            if (batch.Count >= request.BatchSize)
            {
                await WriteBatchAsync(batch, state, cancellationToken);
                batch.Clear();
            }
        }

        await WriteBatchAsync(batch, state, cancellationToken);
        report = state.ToReport(report) with { IgnoredColumns = columns!.Ignored };
        // Neither the source nor the actor is logged: operators name files and themselves with addresses (SEC-8).
        OptinLog.ImportFinished(_logger, request.DryRun, report.Imported, report.Updated, report.SkippedSuppressed,
            report.InvalidCount, report.DoubleOptinRequested);
        return report;
    }

    private async ValueTask WriteBatchAsync(List<ImportRow> rows, Progress state, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var request = state.Request;
        var now = SubmissionPipeline.Truncate(_clock.GetCurrentInstant());
        await using var tx = await _store.BeginTransactionAsync(cancellationToken);
        foreach (var row in rows)
        {
            var existing = await tx.Contacts.FindByEmailKeyAsync(row.Email.Key, cancellationToken);
            var suppression = await tx.Suppression.FindAsync(await AddressHasher.HashAsync(tx, _options, row.Email.Key, cancellationToken), cancellationToken);
            if (ErasureSuppression.BlocksImport(suppression, existing is not null, now))
            {
                state.Skip(row.Line);
                continue;
            }

            var fields = row.Fields.SetItem(SourceField, request.Source).SetItem(ActorField, request.Actor);
            var contact = existing is null
                ? new Contact
                {
                    Id = RecordIds.New(), Kind = row.Kind ?? request.Kind, Email = row.Email.Address, EmailKey = row.Email.Key,
                    Fields = fields, CreatedAt = now, UpdatedAt = now, LastActivityAt = now,
                }
                : existing with { Kind = row.Kind ?? existing.Kind, Fields = existing.Fields.SetItems(fields), UpdatedAt = now };
            await tx.Contacts.SaveAsync(contact, cancellationToken);
            _ = existing is null ? state.Imported++ : state.Updated++;
            if (state.Purpose is { } purpose && await _doubleOptin.EnqueueAsync(tx, contact, purpose, state.Culture, now, cancellationToken))
            {
                state.Requested++;
            }
        }

        if (!request.DryRun)
        {
            await tx.CommitAsync(cancellationToken);
        }
    }

    private static ImmutableDictionary<string, FieldDefinition> FieldsOf(FormCatalog catalog, string? formId)
    {
        var fields = ImmutableDictionary.CreateBuilder<string, FieldDefinition>(StringComparer.OrdinalIgnoreCase);
        IEnumerable<FormDefinition> forms = formId is null ? catalog.Forms.Values.OrderBy(f => f.Id, StringComparer.Ordinal) : [catalog.FindForm(formId)!];
        foreach (var field in forms.SelectMany(f => f.Fields).Where(f => f.Kind != FieldKind.Email))
        {
            fields.TryAdd(field.Name, field);
        }

        return fields.ToImmutable();
    }

    private static void CheckLabel(string value, string name)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 200 || value.Any(char.IsControl))
        {
            throw new ArgumentException($"The import's {name} must be 1 to 200 characters without control characters.", name);
        }
    }

    private sealed class Progress(ContactImportRequest request, PurposeDefinition? purpose, string culture)
    {
        private readonly ImmutableArray<ImportRowError>.Builder _errors = ImmutableArray.CreateBuilder<ImportRowError>();
        private readonly ImmutableArray<int>.Builder _suppressedLines = ImmutableArray.CreateBuilder<int>();
        private int _invalid;

        public ContactImportRequest Request { get; } = request;

        public PurposeDefinition? Purpose { get; } = purpose;

        public string Culture { get; } = culture;

        public int Imported { get; set; }

        public int Updated { get; set; }

        public int Suppressed { get; set; }

        public int Requested { get; set; }

        public void Skip(int line)
        {
            Suppressed++;
            if (_suppressedLines.Count < ContactImportReport.MaxListedErrors)
            {
                _suppressedLines.Add(line);
            }
        }

        public void Invalid(ImportRowError error)
        {
            _invalid++;
            if (_errors.Count < ContactImportReport.MaxListedErrors)
            {
                _errors.Add(error);
            }
        }

        public ContactImportReport ToReport(ContactImportReport report) => report with
        {
            Imported = Imported, Updated = Updated, SkippedSuppressed = Suppressed, DoubleOptinRequested = Requested,
            InvalidCount = _invalid, Invalid = _errors.ToImmutable(), SuppressedLines = _suppressedLines.ToImmutable(),
        };
    }
}
