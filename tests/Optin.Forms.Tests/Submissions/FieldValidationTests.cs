using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

/// <summary>Field validation through the pipeline: one stable code per problem, nothing stored when refused.</summary>
public sealed class FieldValidationTests
{
    private static readonly (string Key, string? Value)[] ValidPost =
    [
        ("email", "jean.dupont@exemple.fr"),
        ("name", "  Jean  "),
        ("city", "Lyon"),
        ("phone", "+33 (0)6 12-34.56.78"),
        ("message", "  Bonjour,\r\n\tune question.  "),
        ("size", "M"),
        ("pro", "true"),
        ("campaign", "salon-2026"),
        ("quantity", "-12.50"),
        ("birthday", "2026-02-28"),
        ("code", "ABC-12"),
    ];

    public static TheoryData<string, string, string> InvalidValues => new()
    {
        { "city", "", SubmissionCodes.Required },
        { "city", "   ", SubmissionCodes.Required },
        { "message", " \r\n\t ", SubmissionCodes.Required },
        { "name", "Jean-Baptiste", SubmissionCodes.TooLong },
        { "campaign", new string('x', 201), SubmissionCodes.TooLong },
        { "message", new string('x', 4001), SubmissionCodes.TooLong },
        { "code", "abc-12", SubmissionCodes.PatternMismatch },
        { "code", "ABC-12 ABC-12", SubmissionCodes.PatternMismatch },
        { "email", "jean.dupont", SubmissionCodes.InvalidEmail },
        { "email", "Jean <jean@exemple.fr>", SubmissionCodes.InvalidEmail },
        { "email", new string('a', 65) + "@exemple.fr", SubmissionCodes.EmailTooLong },
        { "size", "XL", SubmissionCodes.InvalidChoice },
        { "size", "m", SubmissionCodes.InvalidChoice },
        { "quantity", "1,5", SubmissionCodes.InvalidNumber },
        { "quantity", "douze", SubmissionCodes.InvalidNumber },
        { "quantity", "1 000", SubmissionCodes.InvalidNumber },
        { "birthday", "28/02/2026", SubmissionCodes.InvalidDate },
        { "birthday", "2026-02-30", SubmissionCodes.InvalidDate },
        { "phone", "06 12 34 56 7a", SubmissionCodes.InvalidPhone },
        { "phone", "+()", SubmissionCodes.InvalidPhone },
        { "pro", "on", SubmissionCodes.InvalidCheckbox },
        { "pro", "1", SubmissionCodes.InvalidCheckbox },
        { "name", "Je\u200Ban", SubmissionCodes.InvalidCharacters },
        { "name", "Jean\nDupont", SubmissionCodes.InvalidCharacters },
        { "message", "ligne\u0000", SubmissionCodes.InvalidCharacters },
        { "message", "texte \u202Einversé", SubmissionCodes.InvalidCharacters },
        { "campaign", "salon\u0007", SubmissionCodes.InvalidCharacters },
    };

    [Theory]
    [MemberData(nameof(InvalidValues))]
    [Trait("Requirement", "SEC-3")]
    public async Task SubmitAsync_InvalidValue_RefusedWithItsStableCodeAndNothingStored(string field, string value, string code)
    {
        using var services = Services();

        var result = await Submit(services, Replace(field, value));

        Assert.False(result.Succeeded);
        Assert.Equal([(field, code)], result.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(0, await services.GetRequiredService<IOptinStore>().Contacts.CountAsync(new ContactQuery(), CancellationToken.None));
    }

    [Theory]
    [InlineData("name")]
    [InlineData("email")]
    [InlineData("pro")]
    [Trait("Requirement", "SEC-3")]
    public async Task SubmitAsync_FieldPostedTwice_RefusedAsRepeated(string field)
    {
        using var services = Services();
        var value = ValidPost.Single(v => v.Key == field).Value;

        var result = await Submit(services, [.. ValidPost, (field, value)]);

        Assert.Equal([(field, SubmissionCodes.Repeated)], result.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public async Task SubmitAsync_SeveralInvalidFields_ListsOneErrorPerFieldInFormOrder()
    {
        using var services = Services();
        var post = ValidPost.Select(v => v.Key switch
        {
            "email" => (v.Key, (string?)"nope"),
            "city" => (v.Key, null),
            "birthday" => (v.Key, "hier"),
            _ => v,
        }).Where(v => v.Item2 is not null).ToArray();

        var result = await Submit(services, post);

        Assert.Equal([("email", SubmissionCodes.InvalidEmail), ("city", SubmissionCodes.Required), ("birthday", SubmissionCodes.InvalidDate)],
            result.Errors.Select(e => (e.Field, e.Code)));
    }

    [Fact]
    public async Task SubmitAsync_EveryKindValid_StoresTheNormalisedValues()
    {
        using var services = Services();

        var result = await Submit(services, ValidPost);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        var submission = await services.GetRequiredService<IOptinStore>().Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None);
        Assert.NotNull(submission);
        Assert.Equal("Jean", submission.Values["name"]);
        Assert.Equal("  Bonjour,\r\n\tune question.  ", submission.Values["message"]);
        Assert.Equal("+33612345678", submission.Values["phone"]);
        Assert.Equal("true", submission.Values["pro"]);
        Assert.Equal("-12.50", submission.Values["quantity"]);
        Assert.Equal("2026-02-28", submission.Values["birthday"]);
        Assert.Equal("M", submission.Values["size"]);
        Assert.Equal("salon-2026", submission.Values["campaign"]);
        Assert.Equal("ABC-12", submission.Values["code"]);
    }

    [Fact]
    public async Task SubmitAsync_OptionalFieldsEmptyOrAbsent_AcceptedWithoutThem()
    {
        using var services = Services();

        var result = await Submit(services, [("email", "jean@exemple.fr"), ("city", "Lyon"), ("message", "Bonjour"), ("name", ""), ("pro", "")]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        var submission = await services.GetRequiredService<IOptinStore>().Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None);
        Assert.Equal(["city", "email", "message"], submission!.Values.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task SubmitAsync_UndeclaredValues_AreNotStored()
    {
        using var services = Services();

        var result = await Submit(services, [.. ValidPost, ("admin", "true"), ("__proto__", "x")]);

        Assert.True(result.Succeeded);
        var submission = await services.GetRequiredService<IOptinStore>().Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None);
        Assert.DoesNotContain("admin", submission!.Values.Keys);
        Assert.DoesNotContain("__proto__", submission.Values.Keys);
    }

    [Fact]
    public async Task SubmitAsync_UnknownForm_RefusedWithItsCode()
    {
        using var services = Services();

        var result = await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(Some.Post("nope", ValidPost), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(SubmissionCodes.UnknownForm, result.Code);
    }

    private static (string Key, string? Value)[] Replace(string field, string value) =>
        [.. ValidPost.Select(v => v.Key == field ? (v.Key, value) : v)];

    private static ValueTask<SubmissionResult> Submit(ServiceProvider services, (string Key, string? Value)[] values) =>
        services.GetRequiredService<SubmissionPipeline>().SubmitAsync(Some.Post("everything", values), CancellationToken.None);

    private static ServiceProvider Services()
    {
        var settings = Some.Settings();
        var fields = new (string Name, string Kind, string? Extra, string? ExtraValue)[]
        {
            ("email", "Email", "Required", "true"),
            ("name", "Text", "MaxLength", "10"),
            ("city", "Text", "Required", "true"),
            ("phone", "Phone", null, null),
            ("message", "TextArea", "Required", "true"),
            ("size", "Select", null, null),
            ("pro", "Checkbox", null, null),
            ("campaign", "Hidden", "Value", "salon-2026"),
            ("quantity", "Number", null, null),
            ("birthday", "Date", null, null),
            ("code", "Text", "Pattern", "[A-Z]{3}-[0-9]{2}"),
        };
        for (var i = 0; i < fields.Length; i++)
        {
            var (name, kind, extra, extraValue) = fields[i];
            settings[$"OptinForms:Forms:everything:Fields:{i}:Name"] = name;
            settings[$"OptinForms:Forms:everything:Fields:{i}:Kind"] = kind;
            if (extra is not null)
            {
                settings[$"OptinForms:Forms:everything:Fields:{i}:{extra}"] = extraValue;
            }
        }

        settings["OptinForms:Forms:everything:Fields:5:Options:0"] = "S";
        settings["OptinForms:Forms:everything:Fields:5:Options:1:Value"] = "M";
        settings["OptinForms:Forms:everything:Fields:5:Options:1:Label:fr"] = "Moyen";
        settings["OptinForms:Forms:everything:Fields:5:Options:2"] = "L";
        settings["OptinForms:Forms:everything:Consents:0"] = "newsletter";
        settings["OptinForms:Forms:everything:Processing:Purpose"] = "Answering requests";
        settings["OptinForms:Forms:everything:Processing:LegalBasis"] = "Contract";
        settings["OptinForms:Forms:everything:Processing:Retention"] = "365.00:00:00";
        return Some.Services(out _, settings);
    }
}
