using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.Contacts;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Submissions;

/// <summary>
/// Conditional fields judged on the server: a field whose condition is not met is not validated, not required, and its
/// posted value is dropped; a shown one is required when Required. Every kind, as the field shown and as the field read.
/// </summary>
public sealed class FieldConditionTests
{
    /// <summary>The conditional fields of <see cref="ConditionalForm"/>, one of each kind but Email.</summary>
    public static TheoryData<string> Dependents => ["budget", "deadline", "agenda", "company", "size", "siret", "phone", "modules",
        "contactBy", "days", "callback"];

    /// <summary>A value each conditional field accepts (as posted pairs), and what it stores.</summary>
    private static readonly Dictionary<string, ((string, string?)[] Posted, string Stored)> Valid = new()
    {
        ["budget"] = ([("budget", "1500")], "1500"),
        ["deadline"] = ([("deadline", "2026-06-30")], "2026-06-30"),
        ["agenda"] = ([("agenda", "Atelier vitrail")], "Atelier vitrail"),
        ["company"] = ([("company", "Atelier Dupont")], "Atelier Dupont"),
        ["size"] = ([("size", "large")], "large"),
        ["siret"] = ([("siret", "73282932000074")], "73282932000074"),
        ["phone"] = ([("phone", "06 12 34 56 78")], "+33612345678"),
        ["modules"] = ([("modules", "crm"), ("modules", "erp")], "crm\nerp"),
        ["contactBy"] = ([("contactBy", "mail")], "mail"),
        ["days"] = ([("days", "mon"), ("days", "fri")], "mon\nfri"),
        ["callback"] = ([("callback", "true")], "true"),
    };

    /// <summary>What shows every conditional field (topic is demo for the modules, quote for the rest).</summary>
    private static (string, string?)[] Showing(string field) =>
    [
        ("email", Some.Email()), ("topic", field == "modules" ? "demo" : "quote"), ("interests", "news"), ("interests", "events"),
        ("pro", "true"), ("size", field == "size" ? null : "large"), ("products", "crm"),
    ];

    [Theory]
    [MemberData(nameof(Dependents))]
    public async Task SubmitAsync_ShownAndRequired_LeftEmpty_RefusedAsRequired(string field)
    {
        using var services = Services();

        var result = await Submit(services, [.. Showing(field).Where(p => p.Item2 is not null), .. Others(field)]);

        Assert.False(result.Succeeded);
        Assert.Equal([(field, SubmissionCodes.Required)], result.Errors.Select(e => (e.Field, e.Code)));
        Assert.Equal(0L, await Contacts(services));
    }

    [Theory]
    [MemberData(nameof(Dependents))]
    public async Task SubmitAsync_Shown_ValueValidatedAndStored(string field)
    {
        using var services = Services();

        var result = await Submit(services, [.. Showing(field).Where(p => p.Item2 is not null && p.Item1 != field), .. Valid[field].Posted,
            .. Others(field)]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        Assert.Equal(Valid[field].Stored, (await Submission(services, result)).Values[field]);
    }

    [Theory]
    [MemberData(nameof(Dependents))]
    public async Task SubmitAsync_Hidden_NotRequired_AndAPostedValueEvenInvalid_IsDroppedFromTheSubmissionAndTheContact(string field)
    {
        using var services = Services();

        // Nothing shows any conditional field: the topic is "info", no interest in events, not a professional, no CRM.
        var result = await Submit(services, [("email", Some.Email()), ("topic", "info"), ("interests", "news"), ("products", "erp"),
            (field, "not-a-valid-value"), .. Valid[field].Posted]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        var submission = await Submission(services, result);
        Assert.False(submission.Values.ContainsKey(field));
        var contact = await services.GetRequiredService<IOptinStore>().Contacts.FindAsync(result.ContactId!.Value, CancellationToken.None);
        Assert.False(contact!.Fields.ContainsKey(field));
    }

    [Fact]
    public async Task SubmitAsync_HiddenKindWithACondition_ValueKeptOnlyWhenShown()
    {
        using var services = Services();

        var hidden = await Submit(services, [("email", Some.Email("a")), ("topic", "info"), ("campaign", "salon-2026")]);
        Assert.True(hidden.Succeeded, string.Join(", ", hidden.Errors));
        var shown = await Submit(services, [("email", Some.Email("b")), ("topic", "demo"), ("modules", "crm"), ("deadline", "2026-06-30"),
            ("campaign", "salon-2026")]);
        Assert.True(shown.Succeeded, string.Join(", ", shown.Errors));

        Assert.False((await Submission(services, hidden)).Values.ContainsKey("campaign"));
        Assert.Equal("salon-2026", (await Submission(services, shown)).Values["campaign"]);
    }

    [Fact]
    public async Task SubmitAsync_FieldReadIsItselfHidden_ChainedFieldHiddenWhateverWasPostedForTheFieldRead()
    {
        using var services = Services();

        // size is shown only to a professional; siret only when size is large. Not a professional: size and siret are
        // hidden, although "large" was posted for size.
        var result = await Submit(services, [("email", Some.Email()), ("topic", "info"), ("size", "large"), ("siret", "x")]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        var values = (await Submission(services, result)).Values;
        Assert.False(values.ContainsKey("size"));
        Assert.False(values.ContainsKey("siret"));
    }

    [Fact]
    public async Task SubmitAsync_CheckboxGroupRead_ShownWhenTheValueIsAmongTheChosen()
    {
        using var services = Services();

        var among = await Submit(services, [("email", Some.Email("a")), ("topic", "info"), ("interests", "news"), ("interests", "events")]);
        var notAmong = await Submit(services, [("email", Some.Email("b")), ("topic", "info"), ("interests", "news"), ("interests", "offers")]);

        Assert.Equal([("agenda", SubmissionCodes.Required)], among.Errors.Select(e => (e.Field, e.Code)));
        Assert.True(notAmong.Succeeded, string.Join(", ", notAmong.Errors));
    }

    [Fact]
    public async Task SubmitAsync_HiddenField_NotInTheFormSubmittedEvent()
    {
        var listener = new Submitted();
        using var services = Services(b => b.Services.AddSingleton<Optin.Forms.Rules.IOptinEventListener>(listener));

        var result = await Submit(services, [("email", Some.Email()), ("topic", "info"), ("budget", "1500")]);

        Assert.True(result.Succeeded, string.Join(", ", result.Errors));
        Assert.NotNull(listener.Raised);
        Assert.False(listener.Raised.Values.ContainsKey("budget"));
        Assert.Equal("info", listener.Raised.Values["topic"]);
    }

    [Fact]
    public void HiddenFields_ReadsEveryPostedPair_AndFollowsChains()
    {
        using var services = Services();
        var form = services.GetRequiredService<IFormCatalogProvider>().Current.Forms["cond"];

        var hidden = FieldConditions.HiddenFields(form, Some.Post("cond", ("topic", "quote"), ("pro", "true"), ("size", "small")).Values);

        Assert.Equal(["agenda", "campaign", "modules", "phone", "siret"], hidden.Order(StringComparer.Ordinal));
        Assert.Empty(FieldConditions.HiddenFields(services.GetRequiredService<IFormCatalogProvider>().Current.Forms["contact"], []));
    }

    /// <summary>The values that the other shown fields need, so that only <paramref name="field"/> is judged.</summary>
    private static IEnumerable<(string, string?)> Others(string field) =>
        Valid.Where(v => v.Key != field && v.Key != "size").SelectMany(v => v.Value.Posted);

    private static async Task<long> Contacts(ServiceProvider services) =>
        await services.GetRequiredService<IOptinStore>().Contacts.CountAsync(new ContactQuery(), CancellationToken.None);

    private static async Task<SubmissionRecord> Submission(ServiceProvider services, SubmissionResult result) =>
        (await services.GetRequiredService<IOptinStore>().Submissions.FindAsync(result.SubmissionId!.Value, CancellationToken.None))!;

    private static ValueTask<SubmissionResult> Submit(ServiceProvider services, (string Key, string? Value)[] values) =>
        services.GetRequiredService<SubmissionPipeline>().SubmitAsync(Some.Post("cond", values), CancellationToken.None);

    private static ServiceProvider Services(Action<Optin.Forms.DependencyInjection.OptinFormsBuilder>? configure = null)
    {
        var settings = Some.Settings();
        foreach (var (key, value) in ConditionalForm("cond"))
        {
            settings[key] = value;
        }

        return Some.Services(out _, settings, configure);
    }

    /// <summary>
    /// A form whose fields are shown on conditions, one conditional field of each kind but Email, reading a radio group, a
    /// checkbox group, a checkbox, a select and a multi-select (also used by the web package's tests).
    /// </summary>
    internal static IEnumerable<(string Key, string Value)> ConditionalForm(string id)
    {
        var f = $"OptinForms:Forms:{id}:Fields";
        var i = 0;
        var settings = new List<(string, string)>();
        void Field(string name, string kind, bool required, string? when = null, string[]? values = null, params string[] options)
        {
            settings.Add(($"{f}:{i}:Name", name));
            settings.Add(($"{f}:{i}:Kind", kind));
            settings.Add(($"{f}:{i}:Required", required ? "true" : "false"));
            for (var o = 0; o < options.Length; o++)
            {
                settings.Add(($"{f}:{i}:Options:{o}", options[o]));
            }

            if (when is not null)
            {
                settings.Add(($"{f}:{i}:ShowWhen:Field", when));
                if (values!.Length == 1)
                {
                    settings.Add(($"{f}:{i}:ShowWhen:Equals", values[0]));
                }
                else
                {
                    for (var v = 0; v < values.Length; v++)
                    {
                        settings.Add(($"{f}:{i}:ShowWhen:In:{v}", values[v]));
                    }
                }
            }

            i++;
        }

        Field("email", "Email", true);
        Field("topic", "Radio", true, null, null, "quote", "info", "demo");
        Field("budget", "Number", true, "topic", ["quote"]);
        Field("deadline", "Date", true, "topic", ["quote", "demo"]);
        Field("interests", "CheckboxGroup", false, null, null, "news", "events", "offers");
        Field("agenda", "TextArea", true, "interests", ["events"]);
        Field("pro", "Checkbox", false);
        Field("company", "Text", true, "pro", ["true"]);
        Field("size", "Select", true, "pro", ["true"], "small", "large");
        Field("siret", "Text", true, "size", ["large"]);
        Field("products", "MultiSelect", false, null, null, "crm", "erp");
        Field("phone", "Phone", true, "products", ["crm"]);
        Field("modules", "MultiSelect", true, "topic", ["demo"], "crm", "erp");
        Field("contactBy", "Radio", true, "topic", ["quote"], "mail", "phone");
        Field("days", "CheckboxGroup", true, "topic", ["quote"], "mon", "fri");
        Field("callback", "Checkbox", true, "topic", ["quote"]);
        Field("campaign", "Hidden", false, "topic", ["demo"]);
        settings.Add(($"{f}:11:DefaultRegion", "FR"));
        settings.Add(($"{f}:16:Value", "salon-2026"));
        settings.Add(($"OptinForms:Forms:{id}:Title:fr", "Votre projet"));
        settings.Add(($"OptinForms:Forms:{id}:Title:en", "Your project"));
        settings.Add(($"OptinForms:Forms:{id}:Consents:0", "newsletter"));
        settings.Add(($"OptinForms:Forms:{id}:Processing:Purpose:fr", "Répondre à votre demande."));
        settings.Add(($"OptinForms:Forms:{id}:Processing:Purpose:en", "Answering your request."));
        settings.Add(($"OptinForms:Forms:{id}:Processing:LegalBasis", "Contract"));
        settings.Add(($"OptinForms:Forms:{id}:Processing:Retention", "365.00:00:00"));
        return settings;
    }

    private sealed class Submitted : Optin.Forms.Rules.IOptinEventListener
    {
        public Optin.Forms.Rules.FormSubmitted? Raised { get; private set; }

        public ValueTask HandleAsync(Optin.Forms.Rules.OptinEvent optinEvent, IOptinTransaction transaction, CancellationToken cancellationToken)
        {
            Raised = optinEvent as Optin.Forms.Rules.FormSubmitted ?? Raised;
            return ValueTask.CompletedTask;
        }
    }
}
