using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

/// <summary>CONS-3 and CONS-5: consent comes only from exactly one explicit "true" for a declared purpose of the form.</summary>
public sealed class ConsentCaptureTests
{
    public static TheoryData<string[]> NotConsent => new()
    {
        Array.Empty<string>(),
        new[] { "" },
        new[] { "false" },
        new[] { "0" },
        new[] { "1" },
        new[] { "off" },
        new[] { "on" },
        new[] { "yes" },
        new[] { "yes " },
        new[] { "TRUE" },
        new[] { "True" },
        new[] { " true" },
        new[] { "true " },
        new[] { "true", "true" },
        new[] { "true", "false" },
        new[] { "false", "true" },
    };

    [Theory]
    [MemberData(nameof(NotConsent))]
    [Trait("Requirement", "CONS-3")]
    public async Task SubmitAsync_ConsentValueOtherThanOneExactTrue_IsNoConsent(string[] values)
    {
        using var services = Some.Services(out _);
        var post = new List<(string, string?)> { ("email", Some.Email()) };
        post.AddRange(values.Select(v => ("consent.newsletter", (string?)v)));

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(Some.Post("newsletter", [.. post]), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(result.ConsentsGiven);
        var store = services.GetRequiredService<IOptinStore>();
        var contact = await store.Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.Equal(OptinState.None, contact!.GetState("newsletter"));
        Assert.Empty(await store.Ledger.ReadAsync(contact.Id, CancellationToken.None).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "CONS-3")]
    public async Task SubmitAsync_ExactlyOneTrue_IsConsentForThatPurposeOnly()
    {
        using var services = Some.Services(out _);

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.partners", "true")), CancellationToken.None);

        Assert.Equal(["partners"], result.ConsentsGiven.AsEnumerable());
        var contact = await services.GetRequiredService<IOptinStore>().Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.Equal(OptinState.PendingConfirmation, contact!.GetState("partners"));
        Assert.Equal(OptinState.None, contact.GetState("newsletter"));
    }

    [Theory]
    [InlineData("consent.undeclared")]
    [InlineData("consent.partners")]
    [InlineData("Consent.newsletter")]
    [InlineData("consent.NEWSLETTER")]
    [InlineData("consent.newsletter ")]
    [InlineData("newsletter")]
    [Trait("Requirement", "CONS-3")]
    public async Task SubmitAsync_TrueForAPurposeNotOnTheFormOrAMisspeltName_IsNoConsent(string name)
    {
        using var services = Some.Services(out _);

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("contact", ("email", Some.Email()), ("message", "Bonjour"), (name, "true")), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(result.ConsentsGiven);
        var store = services.GetRequiredService<IOptinStore>();
        var contact = await store.Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.Empty(contact!.Optins);
        Assert.Empty(await store.Ledger.ReadAsync(contact.Id, CancellationToken.None).ToListAsync());
    }

    [Fact]
    [Trait("Requirement", "CONS-5")]
    public async Task SubmitAsync_ContactFormWithMarketingConsentUnchecked_SubmitsFine()
    {
        using var services = Some.Services(out _);

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("contact", ("email", Some.Email()), ("message", "Avez-vous ce modèle en chêne ?")), CancellationToken.None);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        var store = services.GetRequiredService<IOptinStore>();
        var submission = await store.Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None);
        Assert.Equal("Avez-vous ce modèle en chêne ?", submission!.Values["message"]);
        Assert.Empty(submission.ConsentsGiven);
        var contact = await store.Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.Equal(OptinState.None, contact!.GetState("newsletter"));
    }

    [Fact]
    [Trait("Requirement", "CONS-5")]
    public async Task SubmitAsync_ContactFormWithoutItsRequiredMessage_IsRefusedForTheMessageNotForTheConsent()
    {
        using var services = Some.Services(out _);

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("contact", ("email", Some.Email()), ("consent.newsletter", "true")), CancellationToken.None);

        Assert.Equal([("message", SubmissionCodes.Required)], result.Errors.Select(e => (e.Field, e.Code)));
    }
}
