using System.Collections.Immutable;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Rights;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>
/// The contacts section over HTTP: the search, the contact page, the evidence reads, and each action end to end (what
/// it changed in the store and the ledger, with the signed-in user as actor and the reason kept).
/// </summary>
public sealed class ContactsPageTests : IAsyncLifetime, IDisposable
{
    private const string Root = "/optin/dashboard";
    private readonly OptinWebFactory _app = new(DashboardSession.Settings(("OptinForms:Admin:MaxPageSize", "3")));
    private DashboardSession _session = null!;

    public async Task InitializeAsync() => _session = await DashboardSession.SignInAsync(_app);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => _app.Dispose();

    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task Anonymous_ContactPageAndAddressSearch_GoToTheLogin_WithNoPersonalData()
    {
        var id = await AddAsync("anon");
        var client = _app.Client();

        var page = await client.GetAsync(new Uri($"{Root}/contacts/{id}", UriKind.Relative));
        var evidence = await client.GetAsync(new Uri($"{Root}/contacts/{id}/evidence", UriKind.Relative));
        var find = await client.PostAsync(new Uri($"{Root}/contacts/find", UriKind.Relative),
            new FormUrlEncodedContent([new("email", Some.Email("anon"))]));

        foreach (var response in new[] { page, evidence })
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("@", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.NotEqual(HttpStatusCode.SeeOther, find.StatusCode);
        Assert.DoesNotContain("exemple.fr", await find.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await _app.Store.Archive.ReadAccessLogAsync(id, default).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task SearchByAddress_IsAPost_NormalisedLikeTheAdminApi_AndRedirectsToTheContactWithoutTheAddressInTheUrl()
    {
        var id = await AddAsync("find");
        var page = await _session.OpenAsync(Root + "/contacts");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Matches("<form method=\"post\" action=\"/optin/dashboard/contacts/find\"", _session.Html);

        var response = await _session.PostAsync(Root + "/contacts/find", ("email", "  FIND.Dupont@EXEMPLE.FR "));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"{Root}/contacts/{id}", response.Headers.Location!.ToString());

        await _session.OpenAsync(Root + "/contacts");
        var unknown = await _session.PostAsync(Root + "/contacts/find", ("email", "nobody@exemple.fr"));
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("No contact holds this address.", _session.Html, StringComparison.Ordinal);

        await _session.OpenAsync(Root + "/contacts");
        Assert.Equal(HttpStatusCode.BadRequest, (await _session.PostAsync(Root + "/contacts/find", ("email", "not an address"))).StatusCode);
    }

    [Fact]
    public async Task SearchByFilters_KindTagFieldAndPurposeState_ListOnlyTheMatches()
    {
        var lead = await AddAsync("lead", fields: ("city", "Lyon"));
        var contact = await AddAsync("contact", ContactKind.Contact, ("city", "Lyon"));
        var account = await AddAsync("account", ContactKind.Account);
        await Service<ContactOptinService>().SetOptinAsync(new ManualOptinChange(account, "newsletter", OptinState.OptedIn, "t", "paper", "form 1"), default);

        await _session.OpenAsync(Root + "/contacts?kind=Contact");
        Assert.Equal([contact], RowIds());
        await _session.OpenAsync(Root + "/contacts?field=city&value=Lyon");
        Assert.Equal([lead, contact], RowIds());
        await _session.OpenAsync(Root + "/contacts?purpose=newsletter&state=OptedIn");
        Assert.Equal([account], RowIds());
        await _session.OpenAsync(Root + "/contacts?purpose=newsletter&state=None");
        Assert.Equal([lead, contact], RowIds());
        await _session.OpenAsync(Root + "/contacts?tag=salon");
        Assert.Empty(RowIds());
    }

    [Fact]
    public async Task SearchByDates_CreatedAndUpdated_ReadAsWholeUtcDays()
    {
        var old = await AddAsync("old");
        _app.Clock.Advance(Duration.FromDays(3));
        var recent = await AddAsync("recent");
        _app.Clock.Advance(Duration.FromDays(3));
        await Service<ContactKindService>().ChangeKindAsync(old, ContactKind.Contact, "t", "met at the fair", default);

        await _session.OpenAsync(Root + "/contacts?createdFrom=2026-11-13");
        Assert.Equal([recent], RowIds());
        await _session.OpenAsync(Root + "/contacts?createdTo=2026-11-12");
        Assert.Equal([old], RowIds());
        await _session.OpenAsync(Root + "/contacts?updatedFrom=2026-11-18");
        Assert.Equal([old], RowIds());
        await _session.OpenAsync(Root + "/contacts?updatedTo=2026-11-17");
        Assert.Equal([recent], RowIds());
        Assert.Equal(HttpStatusCode.BadRequest, (await _session.OpenAsync(Root + "/contacts?createdFrom=12/11/2026")).StatusCode);
    }

    [Fact]
    public async Task Paging_NextAndPreviousKeepTheQuery_AndThePageSizeIsBoundedByMaxPageSize()
    {
        var ids = new List<Guid>();
        foreach (var tag in new[] { "p1", "p2", "p3" })
        {
            ids.Add(await AddAsync(tag));
            _app.Clock.Advance(Duration.FromSeconds(1));
        }

        await AddAsync("other", ContactKind.Account);

        await _session.OpenAsync(Root + "/contacts?kind=Lead&size=2");
        Assert.Equal(ids[..2], RowIds());
        var next = Link("next")!;
        Assert.Equal(Root + "/contacts?kind=Lead&size=2&page=2", next);

        await _session.OpenAsync(next);
        Assert.Equal(ids[2..], RowIds());
        Assert.Null(Link("next"));
        Assert.Equal(Root + "/contacts?kind=Lead&size=2&page=1", Link("prev"));

        Assert.Equal(HttpStatusCode.BadRequest, (await _session.OpenAsync(Root + "/contacts?size=4")).StatusCode);
        Assert.Contains("between 1 and 3", _session.Html, StringComparison.Ordinal);
        await _session.OpenAsync(Root + "/contacts");
        Assert.Equal(3, RowIds().Count);
    }

    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task ContactPage_ShowsFieldsOptinAndTheLedgerWithTheExactTexts()
    {
        await Some.SignUpAsync(_app.Client(), Some.Email("page"));
        var id = (await _app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync()).Id;

        var response = await _session.OpenAsync($"{Root}/contacts/{id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = _session.Html;
        Assert.Contains("<h1>page.dupont@exemple.fr</h1>", html, StringComparison.Ordinal);
        Assert.Contains("Pending confirmation", html, StringComparison.Ordinal);
        Assert.Contains("Consent given", html, StringComparison.Ordinal);
        var given = await _app.Store.Ledger.ReadAsync(id, default).SingleAsync(ConsentEventKind.Given);
        Assert.Contains(Optin.Forms.AspNetCore.Rendering.Html.Encode(given.ConsentText), html, StringComparison.Ordinal);
        Assert.Contains(Optin.Forms.AspNetCore.Rendering.Html.Encode(given.PurposeText), html, StringComparison.Ordinal);
        Assert.Contains(given.ConsentTextSha256!, html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Root}/contacts/{id}/evidence/html\"", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Root}/contacts/{id}/export\"", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _session.OpenAsync($"{Root}/contacts/{Guid.NewGuid()}")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "EVD-1")]
    public async Task EvidenceAndExport_StreamTheAdminDocuments_AndRecordEachReadWithTheSignedInUser()
    {
        var id = await AddAsync("docs");

        var json = await _session.OpenAsync($"{Root}/contacts/{id}/evidence");
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Contains("docs.dupont@exemple.fr", _session.Html, StringComparison.Ordinal);
        var html = await _session.OpenAsync($"{Root}/contacts/{id}/evidence/html?culture=fr");
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        Assert.Contains("lang=\"fr\"", _session.Html, StringComparison.Ordinal);
        var export = await _session.OpenAsync($"{Root}/contacts/{id}/export");
        Assert.Equal($"export-{id}.json", export.Content.Headers.ContentDisposition!.FileName!.Trim('"'));

        var log = await _app.Store.Archive.ReadAccessLogAsync(id, default).ToListAsync();
        Assert.Equal(["evidence.json", "evidence.html", "export"], log.Select(a => a.Action));
        Assert.All(log, a => Assert.Equal(DashboardSession.UserName, a.Actor));
    }

    [Fact]
    public async Task OptinByHand_RecordsTheUserReasonAndLegalBasis_AndRedirectsWithAStatus()
    {
        var id = await AddAsync("manual");
        await _session.OpenAsync($"{Root}/contacts/{id}");

        var response = await _session.PostAsync($"{Root}/contacts/{id}/optin", ("purpose", "newsletter"), ("state", "OptedIn"),
            ("reason", "asked at the counter"), ("legalBasis", "paper form 2026-11-12, file 42"));

        AssertRedirect(response, $"{Root}/contacts/{id}?done=optin");
        Assert.Equal(OptinState.OptedIn, (await ContactAsync(id)).GetState("newsletter"));
        var entry = await _app.Store.Ledger.ReadAsync(id, default).SingleAsync(ConsentEventKind.SetManually);
        Assert.Equal(DashboardSession.UserName, entry.Actor);
        Assert.Equal("asked at the counter", entry.Reason);
        Assert.Equal("paper form 2026-11-12, file 42", entry.LegalBasis);
        await _session.OpenAsync(response.Headers.Location!.ToString());
        Assert.Contains("role=\"status\">The opt-in was changed", _session.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptinByHand_WithoutReasonOrLegalBasis_ChangesNothing()
    {
        var id = await AddAsync("noreason");
        await _session.OpenAsync($"{Root}/contacts/{id}");
        var noReason = await _session.PostAsync($"{Root}/contacts/{id}/optin", ("purpose", "newsletter"), ("state", "OptedIn"), ("legalBasis", "paper"));
        var noBasis = await _session.PostAsync($"{Root}/contacts/{id}/optin", ("purpose", "newsletter"), ("state", "OptedIn"), ("reason", "asked"));
        var pending = await _session.PostAsync($"{Root}/contacts/{id}/optin", ("purpose", "newsletter"), ("state", "PendingConfirmation"),
            ("reason", "asked"), ("legalBasis", "paper"));

        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noBasis.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pending.StatusCode);
        Assert.Contains("role=\"alert\"", _session.Html, StringComparison.Ordinal);
        Assert.Equal(OptinState.None, (await ContactAsync(id)).GetState("newsletter"));
        Assert.Empty(await _app.Store.Ledger.ReadAsync(id, default).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "WD-6")]
    public async Task OptinByHand_Objected_IsRefusedWithTheReason()
    {
        var id = await AddAsync("objected");
        await Service<ContactOptinService>().ObjectToMarketingAsync(id, ConsentMethod.Manual, "t", default);
        await _session.OpenAsync($"{Root}/contacts/{id}");

        var response = await _session.PostAsync($"{Root}/contacts/{id}/optin", ("purpose", "newsletter"), ("state", "OptedIn"),
            ("reason", "asked"), ("legalBasis", "paper"));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("objected to direct marketing", _session.Html, StringComparison.Ordinal);
        Assert.Equal(OptinState.None, (await ContactAsync(id)).GetState("newsletter"));
    }

    [Fact]
    public async Task DoubleOptinRequest_QueuesTheConfirmationEmailForThePurpose()
    {
        var id = await AddAsync("doi");
        await _session.OpenAsync($"{Root}/contacts/{id}");

        var response = await _session.PostAsync($"{Root}/contacts/{id}/double-optin", ("purpose", "newsletter"), ("reason", "met at the trade show"));

        AssertRedirect(response, $"{Root}/contacts/{id}?done=double-optin");
        var job = await _app.Store.Jobs.ListJobsAsync(id, default).SingleAsync();
        Assert.Equal(DoubleOptinRequestService.Action, job.Action);
        Assert.Equal("newsletter", job.PurposeId);
        Assert.Equal(OptinState.None, (await ContactAsync(id)).GetState("newsletter"));
        var entry = await _app.Store.Ledger.ReadAsync(id, default).SingleAsync(e => e.Kind == ConsentEventKind.DoubleOptinRequested);
        Assert.Equal((DashboardSession.UserName, "met at the trade show", ConsentMethod.Manual, "newsletter", OptinState.None),
            (entry.Actor, entry.Reason, entry.Method, entry.PurposeId, entry.State));
        await _session.OpenAsync($"{Root}/contacts/{id}");
        Assert.Contains("Double opt-in requested", _session.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DoubleOptinRequest_WithoutReason_IsRefusedAndQueuesNothing()
    {
        var id = await AddAsync("doi-noreason");
        await _session.OpenAsync($"{Root}/contacts/{id}");

        var response = await _session.PostAsync($"{Root}/contacts/{id}/double-optin", ("purpose", "newsletter"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _app.Store.Jobs.ListJobsAsync(id, default).ToListAsync());
        Assert.DoesNotContain(await _app.Store.Ledger.ReadAsync(id, default).ToListAsync(), e => e.Kind == ConsentEventKind.DoubleOptinRequested);
    }

    [Fact]
    public async Task ChangeKind_LeadToContact_IsSavedAndRecordedWithTheUserAndReason()
    {
        var id = await AddAsync("kind");
        await _session.OpenAsync($"{Root}/contacts/{id}");

        var response = await _session.PostAsync($"{Root}/contacts/{id}/kind", ("kind", "Contact"), ("reason", "signed the quote"));

        AssertRedirect(response, $"{Root}/contacts/{id}?done=kind");
        Assert.Equal(ContactKind.Contact, (await ContactAsync(id)).Kind);
        var entry = await _app.Store.Ledger.ReadAsync(id, default).SingleAsync(ConsentEventKind.KindChanged);
        Assert.Equal(DashboardSession.UserName, entry.Actor);
        Assert.Equal("Lead → Contact: signed the quote", entry.Reason);
    }

    [Fact]
    [Trait("Requirement", "DSR-3")]
    public async Task Rectify_ChangesTheAddress_AndRecordsTheUserAndReason()
    {
        var id = await AddAsync("rectify");
        await _session.OpenAsync($"{Root}/contacts/{id}");

        var response = await _session.PostAsync($"{Root}/contacts/{id}/rectify", ("email", "Rectified.Dupont@Exemple.fr"), ("reason", "typo, ticket 7"));

        AssertRedirect(response, $"{Root}/contacts/{id}?done=rectified");
        Assert.Equal("Rectified.Dupont@exemple.fr", (await ContactAsync(id)).Email);
        var entry = await _app.Store.Ledger.ReadAsync(id, default).SingleAsync(ConsentEventKind.EmailChanged);
        Assert.Equal(DashboardSession.UserName, entry.Actor);
        Assert.Equal("typo, ticket 7", entry.Reason);
        Assert.Equal("rectify.dupont@exemple.fr", entry.PreviousAddress);
    }

    [Fact]
    public async Task RestrictAndLift_AreRecordedWithTheUserAndReason()
    {
        var id = await AddAsync("restrict");
        await _session.OpenAsync($"{Root}/contacts/{id}");

        AssertRedirect(await _session.PostAsync($"{Root}/contacts/{id}/restriction", ("restricted", "true"), ("reason", "contests accuracy")),
            $"{Root}/contacts/{id}?done=restricted");
        Assert.True((await ContactAsync(id)).ProcessingRestricted);
        await _session.OpenAsync($"{Root}/contacts/{id}");
        Assert.Contains("Lift the restriction", _session.Html, StringComparison.Ordinal);
        AssertRedirect(await _session.PostAsync($"{Root}/contacts/{id}/restriction", ("restricted", "false"), ("reason", "checked")),
            $"{Root}/contacts/{id}?done=unrestricted");

        Assert.False((await ContactAsync(id)).ProcessingRestricted);
        var entries = await _app.Store.Ledger.ReadAsync(id, default).ToListAsync();
        Assert.Equal([ConsentEventKind.ProcessingRestricted, ConsentEventKind.RestrictionLifted], entries.Select(e => e.Kind));
        Assert.Equal(["contests accuracy", "checked"], entries.Select(e => e.Reason));
        Assert.All(entries, e => Assert.Equal(DashboardSession.UserName, e.Actor));
    }

    [Fact]
    [Trait("Requirement", "DSR-2")]
    public async Task Erase_FirstPostShowsWhatWillBeErasedAndChangesNothing_TheConfirmedPostErases()
    {
        var id = await AddAsync("erase", fields: ("city", "Lyon"));
        await _session.OpenAsync($"{Root}/contacts/{id}");

        var first = await _session.PostAsync($"{Root}/contacts/{id}/erase", ("reason", "data-subject-request"), ("reference", "DPO-2026-017"));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("This erases for good the contact erase.dupont@exemple.fr: its 1 fields", _session.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"confirmed\" value=\"true\"", _session.Html, StringComparison.Ordinal);
        Assert.NotNull(await _app.Store.Contacts.FindAsync(id, default));

        var second = await _session.PostAsync($"{Root}/contacts/{id}/erase", ("reason", "data-subject-request"), ("reference", "DPO-2026-017"),
            ("confirmed", "true"));

        AssertRedirect(second, $"{Root}/contacts?done=erased");
        Assert.Null(await _app.Store.Contacts.FindAsync(id, default));
        var tombstone = await Service<PersonalDataService>().FindTombstoneAsync(id, default);
        Assert.NotNull(tombstone);
        Assert.Equal(DashboardSession.UserName, tombstone.Actor);
        Assert.Equal(ErasureReason.DataSubjectRequest, tombstone.Reason);
        Assert.Equal("DPO-2026-017", tombstone.Reference);
        Assert.Equal(HttpStatusCode.Gone, (await _session.OpenAsync($"{Root}/contacts/{id}")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "DSR-5")]
    public async Task Erase_WithAFreeTextReference_IsRefusedAndErasesNothing()
    {
        var id = await AddAsync("nameref");
        await _session.OpenAsync($"{Root}/contacts/{id}");

        var response = await _session.PostAsync($"{Root}/contacts/{id}/erase", ("reason", "other"), ("reference", "Jean Dupont asked"), ("confirmed", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(await _app.Store.Contacts.FindAsync(id, default));
    }

    private static void AssertRedirect(HttpResponseMessage response, string location)
    {
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(location, response.Headers.Location!.ToString());
    }

    private async Task<Guid> AddAsync(string tag, ContactKind kind = ContactKind.Lead, params (string Key, string Value)[] fields)
    {
        var result = await Service<ContactOptinService>().AddContactAsync(
            new NewContact(Some.Email(tag), kind, fields.Length == 0 ? null : ImmutableDictionary.CreateRange(fields.Select(f => KeyValuePair.Create(f.Key, f.Value)))),
            default);
        return result.ContactId!.Value;
    }

    private async Task<Contact> ContactAsync(Guid id) => (await _app.Store.Contacts.FindAsync(id, default))!;

    private T Service<T>() where T : notnull => _app.Services.GetRequiredService<T>();

    /// <summary>The contact ids the result table links to, in order.</summary>
    private List<Guid> RowIds() =>
        [.. System.Text.RegularExpressions.Regex.Matches(_session.Html, "<tr><td><a href=\"/optin/dashboard/contacts/([0-9a-f-]{36})\"")
            .Select(m => Guid.Parse(m.Groups[1].Value))];

    private string? Link(string rel)
    {
        var match = System.Text.RegularExpressions.Regex.Match(_session.Html, $"<a rel=\"{rel}\" href=\"([^\"]+)\"");
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }
}
