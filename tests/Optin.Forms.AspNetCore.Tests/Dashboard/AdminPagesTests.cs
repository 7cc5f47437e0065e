using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>The jobs, configuration and suppression pages over HTTP: what each action changes, and what an anonymous user gets.</summary>
public sealed class AdminPagesTests
{
    private const string Root = "/optin/dashboard";

    [Theory]
    [Trait("Requirement", "DSR-4")]
    [InlineData("/jobs")]
    [InlineData("/configuration")]
    [InlineData("/configuration/ropa.md")]
    [InlineData("/suppression")]
    public async Task Anonymous_IsSentToTheLogin_AndSeesNoData(string path)
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var response = await app.Client().GetAsync(new Uri(Root + path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=", response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("@", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Atelier", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_PostToSuppression_AddsNothing()
    {
        await using var app = NoWorker();
        var response = await app.Client().PostAsync(new Uri(Root + "/suppression", UriKind.Relative),
            new FormUrlEncodedContent([new("email", "someone@example.com"), new("reason", "x")]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await app.Services.GetRequiredService<SuppressionList>().FindAsync("someone@example.com", default));
    }

    [Fact]
    public async Task Jobs_ShowQueueHealth_DeadLetterReason_AndMailFailure()
    {
        await using var app = NoWorker();
        await DeadLetterAsync(app, "Permanent delivery failure (550): mailbox unavailable");
        await DeadLetterAsync(app, "Unknown action 'Nope'.");
        var session = await DashboardSession.SignInAsync(app);

        await session.OpenAsync(Root + "/jobs");

        var deadLetters = Section(session.Html, "dead-letters");
        var mailFailures = Section(session.Html, "mail-failures");
        Assert.Contains("<dt>Dead letters</dt><dd>2</dd>", session.Html, StringComparison.Ordinal);
        Assert.Contains("Permanent delivery failure (550): mailbox unavailable", deadLetters, StringComparison.Ordinal);
        Assert.Contains("Unknown action &#x27;Nope&#x27;.", deadLetters, StringComparison.Ordinal);
        Assert.Contains("Permanent delivery failure (550): mailbox unavailable", mailFailures, StringComparison.Ordinal);
        Assert.DoesNotContain("Nope", mailFailures, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overview_ShowsTheQueueHealth_AndTheLastMailFailures()
    {
        await using var app = NoWorker();
        await DeadLetterAsync(app, "Permanent delivery failure (550): mailbox unavailable");
        var session = await DashboardSession.SignInAsync(app);

        await session.OpenAsync(Root);

        Assert.Contains("<dt>Dead letters</dt><dd>1</dd>", session.Html, StringComparison.Ordinal);
        Assert.Contains("Permanent delivery failure (550): mailbox unavailable", Section(session.Html, "mail-failures"), StringComparison.Ordinal);
        Assert.Contains("href=\"/optin/dashboard/jobs\"", session.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_Retry_PutsTheDeadLetterBackDueNow_AttemptsReset_ActorAndReasonKept()
    {
        await using var app = NoWorker();
        var id = await DeadLetterAsync(app, "Gave up after 8 attempts: MailDeliveryException: connection refused");
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync($"{Root}/jobs/{id}");

        var response = await session.PostAsync($"{Root}/jobs/{id}/retry", ("reason", "relay fixed"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(Root + "/jobs?done=retried", response.Headers.Location!.ToString());
        var job = await app.Store.Jobs.FindJobAsync(id, default);
        Assert.NotNull(job);
        Assert.Equal((JobStatus.Pending, 0, app.Clock.GetCurrentInstant()), (job.Status, job.Attempts, job.DueAt));
        Assert.Equal($"Retried by {DashboardSession.UserName}: relay fixed", job.LastError);
        await session.OpenAsync(Root + "/jobs?done=retried");
        Assert.Contains("role=\"status\">The job is back in the queue", session.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Jobs_RetryWithoutReason_IsRefused_AndChangesNothing()
    {
        await using var app = NoWorker();
        var id = await DeadLetterAsync(app, "Unknown action 'Nope'.");
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync($"{Root}/jobs/{id}");

        var response = await session.PostAsync($"{Root}/jobs/{id}/retry", ("reason", "  "));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Give a reason.", session.Html, StringComparison.Ordinal);
        Assert.Equal(JobStatus.DeadLettered, (await app.Store.Jobs.FindJobAsync(id, default))!.Status);
    }

    [Fact]
    public async Task Jobs_Discard_AsksForConfirmationFirst_ThenCancelsTheJob()
    {
        await using var app = NoWorker();
        var id = await DeadLetterAsync(app, "Permanent delivery failure (550): mailbox unavailable");
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync($"{Root}/jobs/{id}");

        var asked = await session.PostAsync($"{Root}/jobs/{id}/discard", ("reason", "address closed"));

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("Discard this job for good?", session.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"confirmed\" value=\"true\"", session.Html, StringComparison.Ordinal);
        Assert.Equal(JobStatus.DeadLettered, (await app.Store.Jobs.FindJobAsync(id, default))!.Status);

        var confirmed = await session.PostAsync($"{Root}/jobs/{id}/discard", ("reason", "address closed"), ("confirmed", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, confirmed.StatusCode);
        Assert.Equal(Root + "/jobs?done=discarded", confirmed.Headers.Location!.ToString());
        var job = await app.Store.Jobs.FindJobAsync(id, default);
        Assert.Equal(JobStatus.Cancelled, job!.Status);
        Assert.Equal($"Discarded by {DashboardSession.UserName}: address closed (dead-lettered: Permanent delivery failure (550): mailbox unavailable)",
            job.LastError);
        Assert.Equal(0, (await app.Store.JobQueue.GetHealthAsync(app.Clock.GetCurrentInstant(), default)).DeadLettered);
    }

    [Fact]
    public async Task Suppression_Add_StoresTheAddressWithTheActor_AndKeepsItOutOfTheUrl()
    {
        await using var app = NoWorker();
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync(Root + "/suppression");

        var response = await session.PostAsync(Root + "/suppression", ("email", "Claire.Martin@Example.com"), ("reason", "asked by phone"), ("days", ""));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(Root + "/suppression?done=added", response.Headers.Location!.ToString());
        var entry = await app.Services.GetRequiredService<SuppressionList>().FindAsync("claire.martin@example.com", default);
        Assert.NotNull(entry);
        Assert.Equal($"{DashboardSession.UserName}: asked by phone", entry.Reason);
        Assert.True(entry.ExpiresAt > app.Clock.GetCurrentInstant() + Duration.FromDays(36500));
    }

    [Fact]
    public async Task Suppression_Lookup_AnswersSuppressedOrNot()
    {
        await using var app = NoWorker();
        await app.Services.GetRequiredService<SuppressionList>().AddAsync("bounced@example.com", "hard bounce", Duration.FromDays(30), default);
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync(Root + "/suppression");

        var found = await session.PostAsync(Root + "/suppression/lookup", ("email", "bounced@example.com"));
        var foundHtml = session.Html;
        var notFound = await session.PostAsync(Root + "/suppression/lookup", ("email", "fine@example.com"));
        var notFoundHtml = session.Html;
        var invalid = await session.PostAsync(Root + "/suppression/lookup", ("email", "not an address"));

        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains("This address is suppressed.", foundHtml, StringComparison.Ordinal);
        Assert.Contains("<dd>hard bounce</dd>", foundHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, notFound.StatusCode);
        Assert.Contains("This address is not suppressed.", notFoundHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("This is not a valid email address.", session.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suppression_AddInvalidAddress_IsRefused_AndStoresNothing()
    {
        await using var app = NoWorker();
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync(Root + "/suppression");

        var response = await session.PostAsync(Root + "/suppression", ("email", "nope"), ("reason", "test"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This is not a valid email address.", session.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Configuration_ShowsPurposeTextsWithTheirLedgerVersions_AndRulesAsSentences()
    {
        await using var app = NoWorker();
        var session = await DashboardSession.SignInAsync(app);
        var catalog = app.Services.GetRequiredService<IFormCatalogProvider>().Current;
        var newsletter = catalog.Purposes["newsletter"];

        await session.OpenAsync(Root + "/configuration");
        var fr = (await session.OpenAsync(Root + "/configuration?culture=fr")).StatusCode;
        var frHtml = session.Html;
        await session.OpenAsync(Root + "/configuration?culture=en");

        foreach (var text in newsletter.Texts.Values)
        {
            Assert.Contains(Html.Encode(text.Consent), session.Html,
                StringComparison.Ordinal);
            Assert.Contains("<code>" + text.Version + "</code>", session.Html, StringComparison.Ordinal);
            Assert.Contains("<code>" + text.ConsentSha256 + "</code>", session.Html, StringComparison.Ordinal);
        }

        Assert.Contains("<code>" + catalog.Forms["newsletter"].Version + "</code>", session.Html, StringComparison.Ordinal);
        Assert.Contains("When the form <em>newsletter</em> or <em>contact</em> is submitted and consent <em>newsletter</em> was given → send the double opt-in email",
            session.Html, StringComparison.Ordinal);
        Assert.Contains("When an opt-in is confirmed and the purpose is <em>newsletter</em> → send the email <em>welcome</em> to the contact", session.Html,
            StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fr);
        Assert.Contains("Quand le formulaire <em>newsletter</em> ou <em>contact</em> est envoyé et le consentement <em>newsletter</em> a été donné → envoyer l'email de double opt-in",
            frHtml, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "SEC-1")]
    public async Task Configuration_TemplatePreview_ShowsSampleData_AndNoScriptCanRun()
    {
        await using var app = NoWorker(
            ("OptinForms:Templates:promo:Marketing", "false"),
            ("OptinForms:Templates:promo:Subject:en", "Hello {{ Email }}"),
            ("OptinForms:Templates:promo:Html:en", "<p>Hi {{ Email }}</p><script>document.title = 'pwned'</script>"),
            ("OptinForms:Templates:promo:Text:en", "Hi {{ Email }}, see {{ SiteUrl }}"));
        var session = await DashboardSession.SignInAsync(app);

        var page = await session.OpenAsync(Root + "/configuration");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Subject: Hello jeanne.exemple@example.com", session.Html, StringComparison.Ordinal);
        Assert.Contains("Hi jeanne.exemple@example.com, see https://stand.example", session.Html, StringComparison.Ordinal);
        Assert.Contains("/optin/confirm/SAMPLE-TOKEN", session.Html, StringComparison.Ordinal); // the double opt-in template's link
        Assert.Contains("&lt;script&gt;document.title", session.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", session.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("'unsafe-inline'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);

        var preview = await session.OpenAsync(Root + "/configuration/templates/promo/en");

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("<p>Hi jeanne.exemple@example.com</p>", session.Html, StringComparison.Ordinal);
        var csp = preview.Headers.GetValues("Content-Security-Policy").Single();
        Assert.StartsWith("sandbox;", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'none'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.OpenAsync(Root + "/configuration/templates/nope/en")).StatusCode);
    }

    [Fact]
    [Trait("Requirement", "ROPA-2")]
    public async Task Configuration_RopaDownload_IsTheGeneratedRecord()
    {
        await using var app = NoWorker();
        var session = await DashboardSession.SignInAsync(app);
        var catalog = app.Services.GetRequiredService<IFormCatalogProvider>().Current;
        var expected = RecordOfProcessing.Generate(catalog, app.Clock.GetCurrentInstant(), "fr");

        var md = await session.OpenAsync(Root + "/configuration/ropa.md?culture=fr");
        var mdBody = session.Html;
        var json = await session.OpenAsync(Root + "/configuration/ropa.json?culture=fr");

        Assert.Equal(HttpStatusCode.OK, md.StatusCode);
        Assert.Equal("attachment; filename=\"record-of-processing-fr.md\"", md.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal("text/markdown", md.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected.ToMarkdown(), mdBody);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal(expected.ToJson(), session.Html);
        await session.OpenAsync(Root + "/configuration");
        Assert.Contains("Registre des traitements", session.Html, StringComparison.Ordinal); // the culture cookie set by ?culture=fr
        Assert.Contains(Html.Encode(expected.Activities[0].LegalBasisText),
            session.Html, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "CFG-4")]
    public async Task Configuration_ShowsTheLastRefusedReload_WithItsProblems()
    {
        await using var app = NoWorker();
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync(Root + "/configuration");
        Assert.Contains("No reload has been refused since the site started.", session.Html, StringComparison.Ordinal);

        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        configuration["OptinForms:Rules:9:Name"] = "broken";
        configuration["OptinForms:Rules:9:When"] = "FormSubmitted";
        configuration["OptinForms:Rules:9:Then:0:Action"] = "NoSuchAction";
        // The host's other options listeners rethrow the validation failure to whoever triggered the reload (here the
        // test; a file watcher in production): what matters is that the catalog refused it and recorded why.
        _ = Record.Exception(configuration.Reload);
        await session.OpenAsync(Root + "/configuration");

        var reloads = Section(session.Html, "reloads");
        Assert.Contains("A reload was refused at", reloads, StringComparison.Ordinal);
        Assert.Contains("NoSuchAction", reloads, StringComparison.Ordinal);
        Assert.Contains("double-opt-in", session.Html, StringComparison.Ordinal); // the previous rules stay in force
        Assert.DoesNotContain("<strong>broken</strong>", session.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("A later reload was accepted", reloads, StringComparison.Ordinal);

        configuration["OptinForms:Rules:9:Then:0:Action"] = "AddTag";
        configuration["OptinForms:Rules:9:Then:0:Args:Tag"] = "fixed";
        configuration.Reload();
        await session.OpenAsync(Root + "/configuration");

        reloads = Section(session.Html, "reloads");
        Assert.Contains("NoSuchAction", reloads, StringComparison.Ordinal);
        Assert.Contains("A later reload was accepted at", reloads, StringComparison.Ordinal);
        Assert.Contains("<strong>broken</strong>", session.Html, StringComparison.Ordinal);
        Assert.Contains("→ add the tag <em>fixed</em>", session.Html, StringComparison.Ordinal);
    }

    /// <summary>The sample without its job worker, so that a test's dead letters stay as the test left them.</summary>
    private static OptinWebFactory NoWorker(params (string Key, string? Value)[] settings) => new(DashboardSession.Settings(settings))
    {
        ConfigureServicesExtra = services =>
        {
            foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "JobWorker").ToList())
            {
                services.Remove(worker);
            }
        },
    };

    /// <summary>Queues a job, claims it and dead-letters it with <paramref name="reason"/>.</summary>
    private static async Task<Guid> DeadLetterAsync(OptinWebFactory app, string reason)
    {
        var store = app.Store;
        var now = app.Clock.GetCurrentInstant();
        var job = new JobRecord { Id = Guid.NewGuid(), Action = "SendDoubleOptinEmail", Payload = "{}", CreatedAt = now, DueAt = now };
        await using (var tx = await store.BeginTransactionAsync(default))
        {
            await tx.Jobs.EnqueueAsync(job, default);
            await tx.CommitAsync(default);
        }

        var claimed = await store.Jobs.ClaimDueJobsAsync("test", now, Duration.FromMinutes(5), 1, default);
        Assert.Equal(job.Id, Assert.Single(claimed).Id);
        Assert.True(await store.Jobs.CompleteJobAsync(job.Id, "test", JobStatus.DeadLettered, reason, now, default));
        return job.Id;
    }

    /// <summary>The HTML of the section labelled by the heading <paramref name="headingId"/>.</summary>
    private static string Section(string html, string headingId)
    {
        var start = html.IndexOf("aria-labelledby=\"" + headingId + "\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No section {headingId}.");
        var end = html.IndexOf("</section>", start, StringComparison.Ordinal);
        return html[start..end];
    }
}
