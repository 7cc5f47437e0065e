using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Import;
using Optin.Forms.Schema;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// Import: upload a CSV, read the dry run's preview (counts, invalid rows with their lines, suppressed addresses),
/// then import it. Nobody is opted in by an import; it can queue a double opt-in request for one purpose.
/// </summary>
/// <remarks>
/// The file is checked before the dry run (size, emptiness, binary content, UTF-8) and by the dry run itself, which
/// reads every row without committing: a file that fails either never reaches the import, so nothing is half-imported.
/// </remarks>
internal static partial class ImportPage
{
    /// <summary>The largest file accepted (10 MB: about 100,000 rows of a business-card list).</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    private const string FileField = "file";

    public static void Map(RouteGroupBuilder group)
    {
        group.MapGet("/import", (Delegate)ShowAsync);
        group.MapPost("/import", (Delegate)PreviewAsync).WithMetadata(new DashboardUploadLimit(MaxFileBytes, WriteTooLargeAsync));
        group.MapPost("/import/apply", (Delegate)ApplyAsync);
    }

    private static Task ShowAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        var html = new StringBuilder(4096);
        var query = context.Request.Query;
        if (query.ContainsKey("imported"))
        {
            html.Append(DashboardForms.Message(string.Format(CultureInfo.InvariantCulture, Done.In(request), Number(query["imported"]), Number(query["updated"]),
                Number(query["suppressed"]), Number(query["invalid"]), Number(query["requested"]))));
        }

        AppendUploadForm(html, request);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Import, Title.In(request), html.ToString());
    }

    private static async Task PreviewAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        if (request.Actor is not { } actor)
        {
            await ErrorAsync(request, NoActor, StatusCodes.Status403Forbidden);
            return;
        }

        IFormCollection form;
        try
        {
            form = await context.Request.ReadFormAsync(request.Aborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            await WriteTooLargeAsync(request);
            return;
        }

        var file = form.Files.GetFile(FileField);
        if (file is null || file.Length == 0)
        {
            await ErrorAsync(request, file is null ? NoFile : EmptyFile, StatusCodes.Status400BadRequest);
            return;
        }

        if (file.Length > MaxFileBytes)
        {
            await WriteTooLargeAsync(request);
            return;
        }

        var content = new byte[file.Length];
        await using (var stream = file.OpenReadStream())
        {
            await stream.ReadExactlyAsync(content, request.Aborted);
        }

        if (CheckContent(content) is { } problem)
        {
            await ErrorAsync(request, problem, StatusCodes.Status400BadRequest);
            return;
        }

        var catalog = context.RequestServices.GetRequiredService<IFormCatalogProvider>().Current;
        var formId = Choice(form["form"], id => catalog.FindForm(id) is not null);
        var purpose = Choice(form["doubleOptin"], id => catalog.FindPurpose(id) is not null);
        var kind = Enum.TryParse<ContactKind>(form["kind"], ignoreCase: false, out var k) && Enum.IsDefined(k) ? k : ContactKind.Lead;
        var source = form["source"].ToString().Trim();
        var upload = new ImportUpload(FileNameOf(file.FileName), content, formId, kind.ToString(), purpose,
            source.Length is > 0 and <= 200 && !source.Any(char.IsControl) ? source : FileNameOf(file.FileName));
        ContactImportReport report;
        try
        {
            report = await RunAsync(context, upload, actor, dryRun: true, request.Aborted);
        }
        catch (DecoderFallbackException)
        {
            await ErrorAsync(request, InvalidUtf8, StatusCodes.Status400BadRequest);
            return;
        }

        if (report.Refused is { } refused)
        {
            await ErrorAsync(request, Refusal(refused), StatusCodes.Status400BadRequest);
            return;
        }

        var id = await ImportUploads.SaveAsync(context, actor, upload, request.Aborted);
        await DashboardLayout.WritePageAsync(request, DashboardSection.Import, PreviewTitle.In(request), Preview(request, upload, report, id));
    }

    private static async Task ApplyAsync(HttpContext context)
    {
        var request = DashboardRequest.For(context);
        if (request.Actor is not { } actor)
        {
            await ErrorAsync(request, NoActor, StatusCodes.Status403Forbidden);
            return;
        }

        var form = await context.Request.ReadFormAsync(request.Aborted);
        var id = form["upload"].ToString();
        if (form[DashboardForms.ConfirmedField] != "true" || await ImportUploads.LoadAsync(context, id, actor, request.Aborted) is not { } upload)
        {
            await ErrorAsync(request, Expired, StatusCodes.Status400BadRequest);
            return;
        }

        // The dry run read this very file to its end: the import cannot meet a malformed byte half-way.
        var report = await RunAsync(context, upload, actor, dryRun: false, request.Aborted);
        ImportUploads.Delete(id);
        if (report.Refused is { } refused)
        {
            await ErrorAsync(request, Refusal(refused), StatusCodes.Status400BadRequest);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.Response.Headers.Location = request.Url(FormattableString.Invariant(
            $"/import?imported={report.Imported}&updated={report.Updated}&suppressed={report.SkippedSuppressed}&invalid={report.InvalidCount}&requested={report.DoubleOptinRequested}"));
    }

    private static async Task<ContactImportReport> RunAsync(HttpContext context, ImportUpload upload, string actor, bool dryRun, CancellationToken cancellationToken)
    {
        var service = context.RequestServices.GetRequiredService<ContactImportService>();
        using var stream = new MemoryStream(upload.Content, writable: false);
        return await service.ImportAsync(stream, new ContactImportRequest
        {
            Source = upload.Source,
            Actor = actor,
            FormId = upload.FormId,
            Kind = Enum.Parse<ContactKind>(upload.Kind),
            RequestDoubleOptinFor = upload.DoubleOptinPurpose,
            DryRun = dryRun,
        }, cancellationToken);
    }

    /// <summary>Why the bytes are not a CSV file, or null: a binary file (a NUL byte, an image's signature) or invalid UTF-8.</summary>
    internal static DashboardText? CheckContent(ReadOnlySpan<byte> content)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        var text = content.StartsWith(bom) ? content[3..] : content;
        if (text.IsEmpty)
        {
            return EmptyFile;
        }

        ReadOnlySpan<byte> png = [0x89, 0x50, 0x4E, 0x47];
        ReadOnlySpan<byte> jpeg = [0xFF, 0xD8, 0xFF];
        if (text.Contains((byte)0) || text.StartsWith(png) || text.StartsWith(jpeg) || text.StartsWith("%PDF"u8) || text.StartsWith("PK\x03\x04"u8)
            || text.StartsWith("GIF8"u8))
        {
            return NotCsv;
        }

        return System.Text.Unicode.Utf8.IsValid(text) ? null : InvalidUtf8;
    }

    private static Task WriteTooLargeAsync(DashboardRequest request) => ErrorAsync(request, TooLarge, StatusCodes.Status413PayloadTooLarge);

    private static Task ErrorAsync(DashboardRequest request, DashboardText text, int status)
    {
        var html = new StringBuilder(4096).Append(DashboardForms.Message(Format(text.In(request)), error: true));
        AppendUploadForm(html, request);
        return DashboardLayout.WritePageAsync(request, DashboardSection.Import, Title.In(request), html.ToString(), status);
    }

    private static string Format(string text) => string.Format(CultureInfo.InvariantCulture, text, MaxFileBytes / (1024 * 1024));

    private static DashboardText Refusal(ImportRowError refused) => refused.Code switch
    {
        ImportCodes.EmptyFile => EmptyFile,
        ImportCodes.MissingEmailColumn => NoEmailColumn,
        ImportCodes.DuplicateColumn => DuplicateColumn,
        ImportCodes.MalformedRecord => BadHeader,
        _ => new(refused.Message, refused.Message),
    };

    private static string? Choice(string? value, Func<string, bool> known) => string.IsNullOrEmpty(value) || !known(value) ? null : value;

    private static string FileNameOf(string name)
    {
        var clean = new string([.. Path.GetFileName(name).Where(c => !char.IsControl(c))]).Trim();
        return clean.Length == 0 ? "import.csv" : clean.Length > 120 ? clean[..120] : clean;
    }

    private static long Number(string? value) => long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;
}
