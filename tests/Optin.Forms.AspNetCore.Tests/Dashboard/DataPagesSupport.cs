using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Contacts;
using Optin.Forms.Jobs;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>Arranging data for the entries, import and bulk pages through the engine's own services.</summary>
internal static class DataPagesSupport
{
    /// <summary>Submits the sample's newsletter form for <paramref name="address"/> (consent given: pending confirmation).</summary>
    public static async Task<Guid> SubmitAsync(OptinWebFactory app, string address, string? firstName = null, string form = "newsletter")
    {
        List<KeyValuePair<string, string?>> fields = [new("email", address), new("consent.newsletter", "true")];
        if (firstName is not null)
        {
            fields.Add(new(form == "newsletter" ? "firstName" : "company", firstName));
        }

        if (form == "contact")
        {
            fields.Add(new("message", "Un devis, s'il vous plaît."));
        }

        var result = await app.Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(new SubmissionRequest(form, fields, SubmissionContext.Empty), default);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Code)));
        return result.ContactId!.Value;
    }

    /// <summary>
    /// Every contact with its fields and states, and every job's id: what "the store is unchanged" compares (the host's
    /// worker may send a queued email meanwhile, which adds to the ledger, so the ledger is left out).
    /// </summary>
    public static async Task<string> SnapshotAsync(OptinWebFactory app)
    {
        var lines = new List<string>();
        await foreach (var c in app.Store.Contacts.QueryAsync(new ContactQuery(), default))
        {
            lines.Add($"{c.Id} {c.Email} {c.Kind} {string.Join(';', c.Fields.OrderBy(f => f.Key).Select(f => f.Key + "=" + f.Value))} "
                + string.Join(';', c.Optins.OrderBy(o => o.Key).Select(o => o.Key + "=" + o.Value.State)));
        }

        lines.AddRange(await app.Store.Jobs.ListJobsAsync(null, default).Select(j => $"job {j.Id} {j.Action} {j.ContactId}").ToListAsync());
        return string.Join('\n', lines);
    }

    /// <summary>POSTs a multipart upload with the last page's antiforgery field.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(DashboardSession session, byte[] file, string fileName, params (string Key, string Value)[] fields)
    {
        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in session.Hidden.Where(h => h.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal)))
        {
            content.Add(new StringContent(value), key);
        }

        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(part, "file", fileName);
        return await session.Client.PostAsync(new Uri("/optin/dashboard/import", UriKind.Relative), content);
    }

    public static void AssertStatus(HttpStatusCode expected, HttpResponseMessage response, string html) =>
        Assert.True(expected == response.StatusCode, $"{(int)response.StatusCode}: {html}");
}

/// <summary>A store whose form listing stops after <see cref="OpenRows"/> rows until <see cref="Gate"/> is released (the export streams).</summary>
internal sealed class GatedStore(IOptinStore inner) : IOptinStore, ISubmissionReader
{
    public const int OpenRows = 201;

    public SemaphoreSlim Gate { get; } = new(0);

    public IContactReader Contacts => inner.Contacts;

    public IConsentLedgerReader Ledger => inner.Ledger;

    public ISubmissionReader Submissions => this;

    public IEvidenceArchiveReader Archive => inner.Archive;

    public ILedgerChainReader Chain => inner.Chain;

    public IJobStore Jobs => inner.Jobs;

    public ValueTask<IOptinTransaction> BeginTransactionAsync(CancellationToken cancellationToken) => inner.BeginTransactionAsync(cancellationToken);

    public ValueTask<SubmissionRecord?> FindAsync(Guid submissionId, CancellationToken cancellationToken) => inner.Submissions.FindAsync(submissionId, cancellationToken);

    public IAsyncEnumerable<SubmissionRecord> ListByContactAsync(Guid contactId, CancellationToken cancellationToken) =>
        inner.Submissions.ListByContactAsync(contactId, cancellationToken);

    public ValueTask<long> CountByFormAsync(string formId, CancellationToken cancellationToken) => inner.Submissions.CountByFormAsync(formId, cancellationToken);

    public async IAsyncEnumerable<SubmissionRecord> ListByFormAsync(string formId, int offset, int limit, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var n = 0;
        await foreach (var s in inner.Submissions.ListByFormAsync(formId, offset, limit, cancellationToken))
        {
            if (++n == OpenRows)
            {
                await Gate.WaitAsync(cancellationToken);
            }

            yield return s;
        }
    }
}
