using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Export;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// The CSV download of a form's entries: streamed (rows are written as the store yields them and flushed every
/// <see cref="FlushEvery"/> rows; the file is never built in memory), UTF-8 with BOM, formula-like cells neutralised.
/// </summary>
internal static class EntriesExport
{
    public const int FlushEvery = 200;

    public static async Task WriteAsync(HttpContext context)
    {
        var form = EntriesPage.ChosenForm(context, out var unknown);
        if (unknown || form is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        var store = context.RequestServices.GetRequiredService<IOptinStore>();
        var clock = context.RequestServices.GetRequiredService<NodaTime.IClock>();
        var response = context.Response;
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"entries-{SafeName(form.Id)}-{clock.GetCurrentInstant().InUtc().Date:yyyy-MM-dd}.csv\"";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = SecurityHeaders.ContentSecurityPolicy;
        var fields = form.Fields.Select(f => f.Name).ToArray();
        await using var csv = new CsvWriter(response.Body);
        await csv.WriteRowAsync(["submission_id", "received_at", "form_version", "culture", "contact_id", .. fields, "consents_given", "source_url",
            .. SubmissionAttribution.ColumnNames],
            context.RequestAborted);
        await csv.FlushAsync(context.RequestAborted);
        var rows = 0;
        await foreach (var s in store.Submissions.ListByFormAsync(form.Id, 0, int.MaxValue, context.RequestAborted))
        {
            await csv.WriteRowAsync([s.Id.ToString(), EntriesPage.Format(s.ReceivedAt), s.FormVersion, s.Culture, s.ContactId.ToString(),
                .. fields.Select(f => s.Values.GetValueOrDefault(f)), string.Join(' ', s.ConsentsGiven), s.SourceUrl,
                .. s.Attribution?.Columns() ?? SubmissionAttribution.ColumnNames.Select(_ => (string?)null)], context.RequestAborted);
            if (++rows % FlushEvery == 0)
            {
                await csv.FlushAsync(context.RequestAborted);
            }
        }
    }

    private static string SafeName(string id) => new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_')]);
}
