using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

/// <summary>
/// The kinds with options, bounds or a numbering plan, judged on the server: radio, checkbox group, multi-select,
/// number and date limits, phone numbers in E.164.
/// </summary>
public sealed class FieldKindValidationTests
{
    private static readonly (string Key, string? Value)[] ValidPost =
    [
        ("email", "jean.dupont@exemple.fr"),
        ("topic", "quote"),
        ("interests", "events"),
        ("interests", "news"),
        ("products", "crm"),
        ("seats", "10"),
        ("visit", "2026-01-01"),
        ("phone", "06 12 34 56 78"),
        ("mobile", "+44 20 7946 0958"),
    ];

    public static TheoryData<string, string[], string> InvalidValues => new()
    {
        { "topic", ["other"], SubmissionCodes.InvalidChoice },
        { "topic", ["Quote"], SubmissionCodes.InvalidChoice },
        { "topic", [""], SubmissionCodes.Required },
        { "topic", ["quote", "info"], SubmissionCodes.Repeated },
        { "interests", ["news", "spam"], SubmissionCodes.InvalidChoice },
        { "interests", ["news", "news"], SubmissionCodes.DuplicateChoice },
        { "interests", ["news", "events", "offers"], SubmissionCodes.TooManyChoices },
        { "interests", ["news\nevents"], SubmissionCodes.InvalidChoice },
        { "products", ["crm", "erp", "crm"], SubmissionCodes.DuplicateChoice },
        { "products", ["mail"], SubmissionCodes.InvalidChoice },
        { "seats", ["0"], SubmissionCodes.OutOfRange },
        { "seats", ["10.01"], SubmissionCodes.OutOfRange },
        { "seats", ["dix"], SubmissionCodes.InvalidNumber },
        { "visit", ["2025-12-31"], SubmissionCodes.OutOfRange },
        { "visit", ["2027-01-01"], SubmissionCodes.OutOfRange },
        { "visit", ["2026-02-30"], SubmissionCodes.InvalidDate },
        { "phone", ["06 12 34"], SubmissionCodes.InvalidPhone },
        { "phone", ["06 12 34 56 7a"], SubmissionCodes.InvalidPhone },
        { "mobile", ["06 12 34 56 78"], SubmissionCodes.InvalidPhone },
        { "mobile", ["+33 6 12 34 56"], SubmissionCodes.InvalidPhone },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    public async Task SubmitAsync_InvalidValueOfANewKind_RefusedWithItsCodeAndNothingStored(string field, string[] values, string code)
    {
        using var services = Services();

        var result = await Submit(services, [.. ValidPost.Where(v => v.Key != field), .. values.Select(v => (field, (string?)v))]);

        Assert.False(result.Succeeded);
        Assert.Equal([(field, code)], result.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(0, await services.GetRequiredService<IOptinStore>().Contacts.CountAsync(new ContactQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task SubmitAsync_EveryNewKindValid_StoresChoicesOnePerLineInDeclaredOrderAndPhonesInE164()
    {
        using var services = Services();

        var result = await Submit(services, ValidPost);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        var submission = await services.GetRequiredService<IOptinStore>().Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None);
        Assert.NotNull(submission);
        Assert.Equal("quote", submission.Values["topic"]);
        Assert.Equal("news\nevents", submission.Values["interests"]);
        Assert.Equal("crm", submission.Values["products"]);
        Assert.Equal("10", submission.Values["seats"]);
        Assert.Equal("2026-01-01", submission.Values["visit"]);
        Assert.Equal("+33612345678", submission.Values["phone"]);
        Assert.Equal("+442079460958", submission.Values["mobile"]);
    }

    [Fact]
    public async Task SubmitAsync_OptionalGroupsLeftEmpty_AcceptedWithoutThem()
    {
        using var services = Services();

        var result = await Submit(services, [("email", "jean@exemple.fr"), ("topic", "info"), ("interests", ""), ("seats", "1")]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        var submission = await services.GetRequiredService<IOptinStore>().Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None);
        Assert.Equal(["email", "seats", "topic"], submission!.Values.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CONS-3")]
    public async Task SubmitAsync_CheckboxGroupTicked_GivesNoConsent()
    {
        using var services = Services();

        var result = await Submit(services, ValidPost);

        Assert.True(result.Succeeded);
        Assert.Empty(result.ConsentsGiven);
    }

    private static ValueTask<SubmissionResult> Submit(ServiceProvider services, (string Key, string? Value)[] values) =>
        services.GetRequiredService<SubmissionPipeline>().SubmitAsync(Some.Post("kinds", values), CancellationToken.None);

    private static ServiceProvider Services()
    {
        var settings = Some.Settings();
        foreach (var (key, value) in KindsForm("kinds"))
        {
            settings[key] = value;
        }

        return Some.Services(out _, settings);
    }

    /// <summary>A form with one field of each new kind (also used by the rendering tests of the web package).</summary>
    internal static IEnumerable<(string Key, string Value)> KindsForm(string id)
    {
        var f = $"OptinForms:Forms:{id}:Fields";
        return
        [
            ($"{f}:0:Name", "email"), ($"{f}:0:Kind", "Email"), ($"{f}:0:Required", "true"),
            ($"{f}:1:Name", "topic"), ($"{f}:1:Kind", "Radio"), ($"{f}:1:Required", "true"),
            ($"{f}:1:Options:0:Value", "quote"), ($"{f}:1:Options:0:Label:fr", "Un devis"),
            ($"{f}:1:Options:1:Value", "info"), ($"{f}:1:Options:1:Label:fr", "Une information"),
            ($"{f}:2:Name", "interests"), ($"{f}:2:Kind", "CheckboxGroup"), ($"{f}:2:MaxChoices", "2"),
            ($"{f}:2:Options:0", "news"), ($"{f}:2:Options:1", "events"), ($"{f}:2:Options:2", "offers"),
            ($"{f}:3:Name", "products"), ($"{f}:3:Kind", "MultiSelect"),
            ($"{f}:3:Options:0", "crm"), ($"{f}:3:Options:1", "erp"), ($"{f}:3:Options:2", "web"),
            ($"{f}:4:Name", "seats"), ($"{f}:4:Kind", "Number"), ($"{f}:4:Min", "1"), ($"{f}:4:Max", "10"),
            ($"{f}:5:Name", "visit"), ($"{f}:5:Kind", "Date"), ($"{f}:5:Min", "2026-01-01"), ($"{f}:5:Max", "2026-12-31"),
            ($"{f}:6:Name", "phone"), ($"{f}:6:Kind", "Phone"), ($"{f}:6:DefaultRegion", "fr"),
            ($"{f}:7:Name", "mobile"), ($"{f}:7:Kind", "Phone"),
            ($"OptinForms:Forms:{id}:Consents:0", "newsletter"),
            ($"OptinForms:Forms:{id}:Processing:Purpose:fr", "Répondre à votre demande."),
            ($"OptinForms:Forms:{id}:Processing:Purpose:en", "Answering your request."),
            ($"OptinForms:Forms:{id}:Processing:LegalBasis", "Contract"),
            ($"OptinForms:Forms:{id}:Processing:Retention", "365.00:00:00"),
        ];
    }
}
