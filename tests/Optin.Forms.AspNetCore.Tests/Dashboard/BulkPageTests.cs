using System.Net;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using static Optin.Forms.AspNetCore.Tests.Dashboard.DataPagesSupport;

namespace Optin.Forms.AspNetCore.Tests.Dashboard;

/// <summary>Bulk changes over HTTP: the dry-run count in a confirmation step, then apply with that count.</summary>
public sealed class BulkPageTests
{
    private static readonly (string, string)[] OptinByHand =
    [
        ("kind", "Lead"), ("state", "PendingConfirmation"), ("purpose", "newsletter"),
        ("change", "optin"), ("targetPurpose", "newsletter"), ("targetState", "OptedIn"),
        ("legalBasis", "Consent on paper, Art. 6(1)(a)"), ("reason", "Business cards of the 2026 trade show"),
    ];

    [Fact]
    [Trait("Requirement", "DSR-4")]
    public async Task Bulk_Anonymous_IsSentToTheLogin()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());

        var response = await app.Client().GetAsync(new Uri("/optin/dashboard/bulk", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OptinByHand_DryRunCountThenApply_ChangesOnlyTheMatches_WithTheSignedInActorAndReason()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var a = await SubmitAsync(app, "a@exemple.fr");
        var b = await SubmitAsync(app, "b@exemple.fr");
        var other = await SubmitAsync(app, "c@exemple.fr", "Dupont SA", form: "contact");
        await Contacts(app).SetOptinAsync(new ManualOptinChange(other, "newsletter", OptinState.Withdrawn, "test", "seed", "consent"), default);
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync("/optin/dashboard/bulk");

        var dryRun = await session.PostAsync("/optin/dashboard/bulk", OptinByHand);

        AssertStatus(HttpStatusCode.OK, dryRun, session.Html);
        Assert.Contains("<p id=\"bulk-count\">2 contact(s) match.", session.Html, StringComparison.Ordinal);
        Assert.Contains("class=\"dash-confirm\"", session.Html, StringComparison.Ordinal);
        Assert.Equal("2", session.Hidden["expectedCount"]);
        Assert.Equal(OptinState.PendingConfirmation, (await app.Store.Contacts.FindAsync(a, default))!.GetState("newsletter"));

        var applied = await session.PostAsync("/optin/dashboard/bulk", [.. Carried(session), ("confirmed", "true")]);

        Assert.Equal(HttpStatusCode.SeeOther, applied.StatusCode);
        await session.OpenAsync(applied.Headers.Location!.ToString());
        Assert.Contains("Opt-in changed for 2 contact(s).", session.Html, StringComparison.Ordinal);
        foreach (var id in new[] { a, b })
        {
            Assert.Equal(OptinState.OptedIn, (await app.Store.Contacts.FindAsync(id, default))!.GetState("newsletter"));
            var manual = Assert.Single(await app.Store.Ledger.ReadAsync(id, default).ToListAsync(), e => e.Method == ConsentMethod.Bulk);
            Assert.Equal(DashboardSession.UserName, manual.Actor);
            Assert.Equal("Business cards of the 2026 trade show", manual.Reason);
        }

        Assert.Equal(OptinState.Withdrawn, (await app.Store.Contacts.FindAsync(other, default))!.GetState("newsletter"));
    }

    [Fact]
    public async Task Apply_CountChangedSinceTheDryRun_IsRefused_NothingChanged()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var a = await SubmitAsync(app, "a@exemple.fr");
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync("/optin/dashboard/bulk");
        await session.PostAsync("/optin/dashboard/bulk", OptinByHand);
        Assert.Equal("1", session.Hidden["expectedCount"]);
        var carried = Carried(session);
        var b = await SubmitAsync(app, "b@exemple.fr");

        var applied = await session.PostAsync("/optin/dashboard/bulk", [.. carried, ("confirmed", "true")]);

        AssertStatus(HttpStatusCode.Conflict, applied, session.Html);
        Assert.Contains("The query now matches 2 contacts, not 1: nothing was changed.", session.Html, StringComparison.Ordinal);
        foreach (var id in new[] { a, b })
        {
            Assert.Equal(OptinState.PendingConfirmation, (await app.Store.Contacts.FindAsync(id, default))!.GetState("newsletter"));
            Assert.DoesNotContain(await app.Store.Ledger.ReadAsync(id, default).ToListAsync(), e => e.Method == ConsentMethod.Bulk);
        }
    }

    [Fact]
    public async Task DoubleOptinRequest_DryRunThenApply_QueuesOneJobPerMatch_NobodyOptedIn()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var a = await SubmitAsync(app, "a@exemple.fr");
        await Contacts(app).SetOptinAsync(new ManualOptinChange(a, "newsletter", OptinState.None, "test", "seed", "consent"), default);
        await SubmitAsync(app, "b@exemple.fr");
        var before = await app.Store.Jobs.ListJobsAsync(a, default).CountAsync(j => j.Action == DoubleOptinRequestService.Action);
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync("/optin/dashboard/bulk");

        await session.PostAsync("/optin/dashboard/bulk", ("state", "None"), ("purpose", "newsletter"), ("change", "double-optin"), ("targetPurpose", "newsletter"), ("reason", "trade show cards"));
        Assert.Contains("1 contact(s) match. Each will be sent a double opt-in request", session.Html, StringComparison.Ordinal);
        var applied = await session.PostAsync("/optin/dashboard/bulk", [.. Carried(session), ("confirmed", "true")]);

        Assert.Equal(HttpStatusCode.SeeOther, applied.StatusCode);
        Assert.EndsWith("change=double-optin&changed=1", applied.Headers.Location!.ToString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.Store.Jobs.ListJobsAsync(a, default).CountAsync(j => j.Action == DoubleOptinRequestService.Action));
        Assert.Equal(OptinState.None, (await app.Store.Contacts.FindAsync(a, default))!.GetState("newsletter"));
        var entry = Assert.Single(await app.Store.Ledger.ReadAsync(a, default).ToListAsync(), e => e.Kind == ConsentEventKind.DoubleOptinRequested);
        Assert.Equal((DashboardSession.UserName, "trade show cards", ConsentMethod.Bulk), (entry.Actor, entry.Reason, entry.Method));
    }

    [Fact]
    public async Task OptinByHand_WithoutReasonOrLegalBasis_IsRefusedWithTheProblems()
    {
        await using var app = new OptinWebFactory(DashboardSession.Settings());
        var a = await SubmitAsync(app, "a@exemple.fr");
        var session = await DashboardSession.SignInAsync(app);
        await session.OpenAsync("/optin/dashboard/bulk");

        var response = await session.PostAsync("/optin/dashboard/bulk", ("change", "optin"), ("targetPurpose", "newsletter"), ("targetState", "OptedIn"),
            ("confirmed", "true"), ("expectedCount", "1"));

        AssertStatus(HttpStatusCode.BadRequest, response, session.Html);
        Assert.Contains("A reason is required.", session.Html, StringComparison.Ordinal);
        Assert.Contains("A legal basis is required.", session.Html, StringComparison.Ordinal);
        Assert.Equal(OptinState.PendingConfirmation, (await app.Store.Contacts.FindAsync(a, default))!.GetState("newsletter"));
    }

    private static ContactOptinService Contacts(OptinWebFactory app) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ContactOptinService>(app.Services);

    /// <summary>The confirmation step's hidden fields (the query, the change and the expected count), antiforgery aside.</summary>
    private static (string, string)[] Carried(DashboardSession session) =>
        [.. session.Hidden.Where(h => !h.Key.StartsWith("__RequestVerificationToken", StringComparison.Ordinal) && h.Key != "confirmed").Select(h => (h.Key, h.Value))];
}
