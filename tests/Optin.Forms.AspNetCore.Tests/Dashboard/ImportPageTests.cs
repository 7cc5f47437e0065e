using System.Net;
using System.Text;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using static Optin.Forms.AspNetCore.Tests.Dashboard.DataPagesSupport;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>Import over HTTP: upload, dry-run preview, import; and the hostile-input pass (nothing half-imported).</summary>
public sealed class ImportPageTests
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    public static TheoryData<string, string, string> HostileFiles => new()
    {
        { "empty", "The file is empty", "Le fichier est vide" },
        { "bom-only", "The file is empty", "Le fichier est vide" },
        { "50MB", "larger than 10 MB", "dépasse 10 Mo" },
        { "png", "This is not a CSV file", "Ce n'est pas un fichier CSV" },
        { "latin1", "not valid UTF-8", "pas du texte UTF-8 valide" },
        { "no-email-column", "no 'email' column", "pas de colonne « email »" },
    };

    [Theory]
    [Trait("Requirement", "SEC-6")]
    [MemberData(nameof(HostileFiles))]
    public async Task Upload_HostileFile_ClearErrorInEnglishAndFrench_StoreUnchanged(string kind, string english, string french)
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        await SubmitAsync(app, "deja@exemple.fr", "Déjà");
        var before = await SnapshotAsync(app);
        var session = await DashboardSession.SignInAsync(app);
        var file = kind switch
        {
            "empty" => [],
            "bom-only" => [0xEF, 0xBB, 0xBF],
            "50MB" => Enumerable.Repeat(Encoding.UTF8.GetBytes("email,firstName\r\nx@exemple.fr,X\r\n"), 50 * 1024 * 1024 / 32).SelectMany(b => b).ToArray(),
            "png" => Png,
            "latin1" => [.. "email,firstName\r\nzoe@exemple.fr,Zo"u8, 0xE9, .. "\r\n"u8],
            _ => Encoding.UTF8.GetBytes("adresse,firstName\r\nzoe@exemple.fr,Zoé\r\n"),
        };

        foreach (var (culture, text) in new[] { ("en", english), ("fr", french) })
        {
            await session.OpenAsync("/optin/dashboard/import?culture=" + culture);
            var response = await UploadAsync(session, file, kind + ".csv");
            var html = await response.Content.ReadAsStringAsync();

            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}: {html}");
            Assert.Contains("role=\"alert\"", html, StringComparison.Ordinal);
            Assert.Contains(Optin.Forms.AspNetCore.Rendering.Html.Encode(text), html, StringComparison.Ordinal);
            Assert.DoesNotContain("confirmed", html, StringComparison.Ordinal);
        }

        Assert.Equal(before, await SnapshotAsync(app));
    }

    [Fact]
    [Trait("Requirement", "RET-3")]
    public async Task DryRunThenImport_CountsLinesAndSuppressed_NobodyOptedIn_DoubleOptinQueuedWhenAsked()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var known = await SubmitAsync(app, "deja@exemple.fr", "Déjà");
        await AddressStates.SeedAsync(app, "exclu@exemple.fr", AddressState.Suppressed);
        var jobsBefore = await app.Store.Jobs.ListJobsAsync(null, default).CountAsync();
        var session = await DashboardSession.SignInAsync(app);
        var csv = "email,firstName,kind\r\n"
            + "zoe@exemple.fr,Zoé,\r\n"
            + "pas-une-adresse,Paul,\r\n"
            + "deja@exemple.fr,Déjà-vu,\r\n"
            + "exclu@exemple.fr,Exclu,\r\n"
            + "lea@exemple.fr,\"=HYPERLINK(\"\"http://x\"\")\",\r\n"
            + "marc@exemple.fr,Marc,Contact\r\n";

        await session.OpenAsync("/optin/dashboard/import");
        var preview = await UploadAsync(session, Encoding.UTF8.GetBytes(csv), "salon.csv", ("source", "Salon 2026"), ("doubleOptin", "newsletter"));
        var html = await preview.Content.ReadAsStringAsync();

        AssertStatus(HttpStatusCode.OK, preview, html);
        Assert.Contains("<dd id=\"count-imported\">2</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"count-updated\">1</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"count-suppressed\">1</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"count-invalid\">2</dd>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">3</td><td>", html, StringComparison.Ordinal);
        Assert.Contains("<p id=\"suppressed-lines\">Lines whose address is on the suppression list (skipped): 5</p>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"num\">6</td><td>OPTIN2207</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("salon.csv", await SnapshotAsync(app), StringComparison.Ordinal);
        Assert.Null(await app.Store.Contacts.FindByEmailKeyAsync("zoe@exemple.fr", default));
        Assert.Equal(jobsBefore, await app.Store.Jobs.ListJobsAsync(null, default).CountAsync());
        Assert.DoesNotContain("Zoé", html, StringComparison.Ordinal);

        session = await ReopenAsync(session, html);
        var applied = await session.PostAsync("/optin/dashboard/import/apply", ("upload", session.Hidden["upload"]), ("confirmed", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, applied.StatusCode);
        await session.OpenAsync(applied.Headers.Location!.ToString());
        Assert.Contains("Import done: 2 new, 1 updated, 1 suppressed addresses skipped, 2 invalid rows skipped, 3 double opt-in requests queued.", session.Html, StringComparison.Ordinal);
        var zoe = await app.Store.Contacts.FindByEmailKeyAsync("zoe@exemple.fr", default);
        Assert.Equal("Zoé", zoe!.Fields["firstName"]);
        Assert.Equal(DashboardSession.UserName, zoe.Fields["import.actor"]);
        Assert.Equal("Salon 2026", zoe.Fields["import.source"]);
        Assert.Equal(ContactKind.Contact, (await app.Store.Contacts.FindByEmailKeyAsync("marc@exemple.fr", default))!.Kind);
        Assert.Null(await app.Store.Contacts.FindByEmailKeyAsync("exclu@exemple.fr", default));
        await foreach (var contact in app.Store.Contacts.QueryAsync(new ContactQuery(), default))
        {
            Assert.NotEqual(OptinState.OptedIn, contact.GetState("newsletter"));
        }

        var jobs = await app.Store.Jobs.ListJobsAsync(null, default).ToListAsync();
        Assert.Equal(jobsBefore + 3, jobs.Count);
        Assert.Contains(jobs, j => j.ContactId == zoe.Id && j.Action == DoubleOptinRequestService.Action);

        // The preview is used up: posting it again imports nothing twice.
        var again = await session.PostAsync("/optin/dashboard/import/apply", ("upload", "00"), ("confirmed", "true"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.NotEqual(Guid.Empty, known);
    }

    [Fact]
    public async Task Apply_WithAnotherUsersOrAnUnknownUploadId_IsRefused()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync("/optin/dashboard/import");

        var response = await session.PostAsync("/optin/dashboard/import/apply", ("upload", new string('a', 48)), ("confirmed", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", session.Html, StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    /// <summary>Keeps the session's cookies and reads the hidden fields of <paramref name="html"/> (the preview's confirmation form).</summary>
    private static Task<DashboardSession> ReopenAsync(DashboardSession session, string html)
    {
        var hidden = FormSession.HiddenInputs(html);
        foreach (var (key, value) in hidden)
        {
            session.Hidden[key] = value;
        }

        return Task.FromResult(session);
    }
}
