using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Rules;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

public sealed class SubmissionPipelineTests
{
    [Fact]
    [Trait("Requirement", "CONS-6")]
    [Trait("Requirement", "CONS-7")]
    public async Task SubmitAsync_WithConsent_StoresContactSubmissionAndFullProof()
    {
        using var services = Some.Services(out _);
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var store = services.GetRequiredService<IOptinStore>();

        var result = await pipeline.SubmitAsync(
            Some.Post("newsletter", ("email", "Jean.Dupont@Exemple.FR"), ("firstName", "Jean"), ("consent.newsletter", "true")),
            CancellationToken.None);

        Assert.True(result.Succeeded);
        var contact = await store.Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.NotNull(contact);
        Assert.Equal("jean.dupont@exemple.fr", contact.EmailKey);
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        Assert.Equal(OptinState.None, contact.GetState("partners"));
        var events = await store.Ledger.ReadAsync(contact.Id, CancellationToken.None).ToListAsync();
        var given = Assert.Single(events);
        Assert.Equal(ConsentEventKind.Given, given.Kind);
        Assert.Equal(Some.ConsentFr, given.ConsentText);
        Assert.Equal(Some.PurposeFr, given.PurposeText);
        Assert.Equal(Some.Now, given.OccurredAt);
        Assert.Equal("203.0.113.0", given.IpAddress);
        Assert.Equal("newsletter", given.FormId);
        Assert.Equal(result.SubmissionId, given.SubmissionId);
    }

    [Fact]
    [Trait("Requirement", "CONS-6")]
    [Trait("Requirement", "ABU-5")]
    public async Task SubmitAsync_SeveralFormsForOneAddress_TheContactKeepsItsFieldsAndEachSubmissionItsValues()
    {
        using var services = Some.Services(out _);
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var store = services.GetRequiredService<IOptinStore>();

        var first = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", Some.Email()), ("firstName", "Jean")), CancellationToken.None);
        var afterFirst = (await store.Contacts.FindAsync(first.ContactId!.Value, CancellationToken.None))!.Fields;
        await pipeline.SubmitAsync(Some.Post("contact", ("email", Some.Email()), ("message", "Bonjour")), CancellationToken.None);
        var last = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", Some.Email()), ("firstName", "Jeanne")), CancellationToken.None);

        Assert.Equal([KeyValuePair.Create("firstName", "Jean")], afterFirst);
        Assert.Equal(first.ContactId, last.ContactId);
        var fields = (await store.Contacts.FindAsync(last.ContactId!.Value, CancellationToken.None))!.Fields;
        Assert.Equal([KeyValuePair.Create("firstName", "Jean")], fields);
        var submission = await store.Submissions.FindAsync(first.SubmissionId!.Value, CancellationToken.None);
        Assert.Equal(Some.Email(), submission!.Values["email"]);
        var values = await store.Submissions.ListByContactAsync(last.ContactId!.Value, CancellationToken.None)
            .Select(s => s.Values.GetValueOrDefault("message") ?? s.Values["firstName"]).ToListAsync();
        Assert.Equal(["Bonjour", "Jean", "Jeanne"], values.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Invariant", "3")]
    public async Task SubmitAsync_ListenerFails_NothingIsStored()
    {
        using var services = Some.Services(out _, configure: b => b.AddEventListener<FailingListener>());
        var store = services.GetRequiredService<IOptinStore>();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), CancellationToken.None));

        Assert.Null(await store.Contacts.FindByEmailKeyAsync(Some.Email(), CancellationToken.None));
        Assert.Equal(0, await store.Contacts.CountAsync(new ContactQuery(), CancellationToken.None));
        var state = ((InMemoryOptinStore)store).State;
        Assert.Empty(state.Submissions.Committed);
        Assert.Empty(state.EventIds.Committed);
    }

    [Fact]
    [Trait("Invariant", "3")]
    public async Task SubmitAsync_ListenerFailsForAKnownContact_TheContactIsLeftAsItWas()
    {
        var failing = false;
        using var services = Some.Services(out _, configure: b =>
        {
            b.Services.AddSingleton<Func<bool>>(() => failing);
            b.AddEventListener<SwitchableFailingListener>();
        });
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var store = services.GetRequiredService<IOptinStore>();
        var first = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", Some.Email()), ("firstName", "Jean")), CancellationToken.None);
        failing = true;

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await pipeline.SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("firstName", "Jeannot"), ("consent.newsletter", "true")), CancellationToken.None));

        var contact = await store.Contacts.FindAsync(first.ContactId!.Value, CancellationToken.None);
        Assert.Equal("Jean", contact!.Fields["firstName"]);
        Assert.Equal(OptinState.None, contact.GetState("newsletter"));
        Assert.Empty(await store.Ledger.ReadAsync(contact.Id, CancellationToken.None).ToListAsync());
        Assert.Single(await store.Submissions.ListByContactAsync(contact.Id, CancellationToken.None).ToListAsync());
    }

    [Fact]
    [Trait("Invariant", "3")]
    public async Task SubmitAsync_Listener_ReceivesFormSubmittedInsideTheTransaction()
    {
        using var services = Some.Services(out _, configure: b =>
        {
            b.Services.AddSingleton<ListenerProbeLog>();
            b.AddEventListener<ProbeListener>();
        });

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), CancellationToken.None);

        var (seen, inTransaction, committed) = Assert.Single(services.GetRequiredService<ListenerProbeLog>().Seen);
        var submitted = Assert.IsType<FormSubmitted>(seen);
        Assert.Equal(new FormSubmitted(result.ContactId!.Value, Some.Now, "newsletter", result.SubmissionId!.Value, "fr",
            submitted.ConsentsGiven, ContactCreated: true) { Values = submitted.Values, LandingPage = "salon" }, submitted);
        Assert.Equal(["newsletter"], submitted.ConsentsGiven.AsEnumerable());
        Assert.Equal([KeyValuePair.Create("email", Some.Email())], submitted.Values);
        Assert.Equal(OptinState.PendingConfirmation, inTransaction?.GetState("newsletter"));
        Assert.Null(committed);
    }

    [Fact]
    [Trait("Requirement", "SEC-5")]
    public async Task SubmitAsync_SameAddressInAnotherCasing_UpdatesTheSameContact()
    {
        using var services = Some.Services(out var clock, configure: b =>
        {
            b.Services.AddSingleton<ListenerProbeLog>();
            b.AddEventListener<ProbeListener>();
        });
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var store = services.GetRequiredService<IOptinStore>();

        var first = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", "jean.dupont@exemple.fr"), ("firstName", "Jean")), CancellationToken.None);
        clock.AdvanceMinutes(5);
        var second = await pipeline.SubmitAsync(
            Some.Post("contact", ("email", "JEAN.Dupont@EXEMPLE.fr"), ("message", "Bonjour"), ("consent.newsletter", "true")), CancellationToken.None);

        Assert.Equal(first.ContactId, second.ContactId);
        Assert.Equal(1, await store.Contacts.CountAsync(new ContactQuery(), CancellationToken.None));
        var contact = await store.Contacts.FindAsync(first.ContactId!.Value, CancellationToken.None);
        Assert.Equal("jean.dupont@exemple.fr", contact!.Email);
        Assert.Equal("Jean", contact.Fields["firstName"]);
        Assert.False(contact.Fields.ContainsKey("message")); // until the address is proved (ABU-5)
        Assert.Equal(Some.Now, contact.CreatedAt);
        Assert.Equal(Some.Now, contact.LastActivityAt);
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        Assert.Equal([first.SubmissionId!.Value, second.SubmissionId!.Value],
            await store.Submissions.ListByContactAsync(contact.Id, CancellationToken.None).Select(s => s.Id).ToListAsync());
        Assert.Equal([true, false], services.GetRequiredService<ListenerProbeLog>().Seen.Select(s => ((FormSubmitted)s.Event).ContactCreated));
    }

    [Fact]
    [Trait("Requirement", "CONS-6")]
    public async Task SubmitAsync_ContactAlreadyOptedIn_StaysOptedIn()
    {
        using var services = Some.Services(out _);
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var store = services.GetRequiredService<IOptinStore>();
        var first = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", Some.Email())), CancellationToken.None);
        await services.GetRequiredService<ContactOptinService>().SetOptinAsync(new ManualOptinChange(first.ContactId!.Value, "newsletter",
            OptinState.OptedIn, "marie.martin", "Signed up at the counter", "signed paper form, file 42"), CancellationToken.None);

        var again = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), CancellationToken.None);

        var contact = await store.Contacts.FindAsync(again.ContactId!.Value, CancellationToken.None);
        Assert.Equal(OptinState.OptedIn, contact!.GetState("newsletter"));
        var history = await store.Ledger.ReadAsync(contact.Id, CancellationToken.None).ToListAsync();
        Assert.Equal([(ConsentEventKind.SetManually, OptinState.OptedIn), (ConsentEventKind.Given, OptinState.OptedIn)],
            history.Select(e => (e.Kind, e.State)));
    }

    [Fact]
    [Trait("Requirement", "CONS-6")]
    public async Task SubmitAsync_FormWithoutDoubleOptin_OptsInAtOnce()
    {
        // Only a purpose that is not marketing can be asked for without double opt-in (DOI-1).
        var settings = Some.Settings();
        settings["OptinForms:Forms:newsletter:DoubleOptin"] = "false";
        settings["OptinForms:Purposes:newsletter:Marketing"] = "false";
        settings["OptinForms:Purposes:partners:Marketing"] = "false";
        using var services = Some.Services(out _, settings);

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), CancellationToken.None);

        var contact = await services.GetRequiredService<IOptinStore>().Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.Equal(OptinState.OptedIn, contact!.GetState("newsletter"));
    }

    [Fact]
    public async Task SubmitAsync_CancelledBeforeTheTransaction_StoresNothing()
    {
        using var services = Some.Services(out _);
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), cts.Token));

        Assert.Equal(0, await services.GetRequiredService<IOptinStore>().Contacts.CountAsync(new ContactQuery(), CancellationToken.None));
    }

    private sealed class SwitchableFailingListener(Func<bool> failing) : IOptinEventListener
    {
        public ValueTask HandleAsync(OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken) =>
            failing() ? throw new InvalidOperationException("The listener failed.") : ValueTask.CompletedTask;
    }
}
