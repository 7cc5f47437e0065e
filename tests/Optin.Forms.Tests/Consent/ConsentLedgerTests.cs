using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Consent;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Consent;

/// <summary>CONS-8: the consent ledger is append-only; history reads back in order.</summary>
public sealed class ConsentLedgerTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    [Trait("Requirement", "CONS-8")]
    public async Task ReadAsync_AfterSubmissionsAndChanges_ReturnsTheHistoryInOrderWithIncreasingSequence()
    {
        using var services = Some.Services(out var clock);
        var pipeline = services.GetRequiredService<SubmissionPipeline>();
        var contacts = services.GetRequiredService<ContactOptinService>();
        var store = services.GetRequiredService<IOptinStore>();

        var first = await pipeline.SubmitAsync(Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true"), ("consent.partners", "true")), None);
        var id = first.ContactId!.Value;
        await pipeline.SubmitAsync(Some.Post("newsletter", ("email", Some.Email("marie")), ("consent.newsletter", "true")), None);
        clock.AdvanceDays(1);
        await contacts.SetOptinAsync(new ManualOptinChange(id, "newsletter", OptinState.OptedIn, "marie.martin", "Confirmed by phone", "phone call, 2026-11-13"), None);
        clock.AdvanceDays(1);
        await contacts.ObjectToMarketingAsync(id, ConsentMethod.EmailLink, null, None);

        var history = await store.Ledger.ReadAsync(id, None).ToListAsync();

        Assert.Equal(
        [
            (ConsentEventKind.Given, "newsletter", OptinState.PendingConfirmation),
            (ConsentEventKind.Given, "partners", OptinState.PendingConfirmation),
            (ConsentEventKind.SetManually, "newsletter", OptinState.OptedIn),
            (ConsentEventKind.Objected, "newsletter", OptinState.Withdrawn),
            (ConsentEventKind.Objected, "partners", OptinState.Withdrawn),
        ], history.Select(e => (e.Kind, e.PurposeId, e.State)));
        Assert.All(history.Zip(history.Skip(1)), p => Assert.True(p.First.Sequence < p.Second.Sequence));
        Assert.All(history.Zip(history.Skip(1)), p => Assert.True(p.First.OccurredAt <= p.Second.OccurredAt));
        Assert.Equal(history.Count, history.Select(e => e.Id).Distinct().Count());
        Assert.Equal(first.SubmissionId, history[0].SubmissionId);
        Assert.All(history, e => Assert.Equal(id, e.ContactId));
    }

    [Fact]
    [Trait("Requirement", "CONS-8")]
    public async Task AppendConsentEventsAsync_EventIdAlreadyInTheLedger_IsRefusedAndTheOriginalKept()
    {
        using var services = Some.Services(out _);
        var store = services.GetRequiredService<IOptinStore>();
        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), None);
        var original = Assert.Single(await store.Ledger.ReadAsync(result.ContactId!.Value, None).ToListAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await using var tx = await store.BeginTransactionAsync(None);
            await tx.Ledger.AppendAsync([original with { State = OptinState.Withdrawn, ConsentText = "rewritten" }], None);
            await tx.CommitAsync(None);
        });

        Assert.Equal(original, Assert.Single(await store.Ledger.ReadAsync(result.ContactId!.Value, None).ToListAsync()));
    }

    public static TheoryData<Type> ReaderTypes => [typeof(IConsentLedgerReader), typeof(IContactReader), typeof(ISubmissionReader), typeof(IOptinStore)];

    [Theory]
    [MemberData(nameof(ReaderTypes))]
    [Trait("Requirement", "CONS-8")]
    public void ReaderInterfaces_ExposeNoWayToUpdateOrDelete(Type type)
    {
        var verbs = new[] { "Update", "Delete", "Remove", "Replace", "Set", "Save", "Append", "Add", "Clear", "Erase", "Truncate", "Write" };

        var writers = type.GetMethods().Where(m => verbs.Any(v => m.Name.StartsWith(v, StringComparison.Ordinal))).Select(m => m.Name);
        var setters = type.GetProperties().Where(p => p.CanWrite).Select(p => p.Name);

        Assert.Empty(writers);
        Assert.Empty(setters);
    }

    [Fact]
    [Trait("Requirement", "CONS-8")]
    public void LedgerReader_OnlyReads()
    {
        Assert.Equal(["ReadAsync"], typeof(IConsentLedgerReader).GetMethods().Select(m => m.Name));
        Assert.Equal(typeof(IAsyncEnumerable<ConsentEvent>), typeof(IConsentLedgerReader).GetMethod("ReadAsync")!.ReturnType);
    }

    [Fact]
    [Trait("Requirement", "CONS-8")]
    public void Transaction_CanOnlyAppendConsentEvents()
    {
        // Every part of a transaction, and the transaction itself.
        var takingEvents = typeof(IOptinTransaction).GetProperties().Select(p => p.PropertyType).Prepend(typeof(IOptinTransaction))
            .SelectMany(part => part.GetMethods().Select(m => (Part: part, Method: m)))
            .Where(x => x.Method.GetParameters().Any(p => p.ParameterType == typeof(ConsentEvent) || p.ParameterType == typeof(IReadOnlyList<ConsentEvent>)))
            .Select(x => $"{x.Part.Name}.{x.Method.Name}").Order(StringComparer.Ordinal);

        // Appending is the only write; erasure is the one way out, and it takes the tombstone it leaves (CONS-8).
        Assert.Equal(["IConsentLedgerWriter.AppendAsync", "IContactWriter.EraseAsync"], takingEvents);
    }

    [Fact]
    [Trait("Requirement", "CONS-8")]
    public void ConsentEvent_IsImmutable()
    {
        var mutable = typeof(ConsentEvent).GetProperties()
            .Where(p => p.SetMethod is { IsPublic: true } setter
                && !setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit)))
            .Select(p => p.Name);

        Assert.Empty(mutable);
        Assert.DoesNotContain(typeof(ConsentEvent).GetFields(BindingFlags.Public | BindingFlags.Instance), f => !f.IsInitOnly);
    }
}
