using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Templates;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Templates;

/// <summary>Template variables, fields and filters are checked at start (AUTH-1): each mistake here used to print nothing.</summary>
public sealed class TemplateVariableTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "optin-variables-" + Guid.NewGuid().ToString("N"));

    private static string[] Failures(Action<Dictionary<string, string?>> amend)
    {
        var settings = Flow.Settings();
        amend(settings);
        using var services = Some.Services(out _, settings);
        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
        return [.. ex.Failures];
    }

    private static void Loads(Action<Dictionary<string, string?>> amend)
    {
        var settings = Flow.Settings();
        amend(settings);
        using var services = Some.Services(out _, settings);
        Assert.NotNull(services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);
    }

    /// <summary>Replaces the owner's notification (rule 3 'notify-sales': FormSubmitted, form 'contact', To the sales team).</summary>
    private static void Notification(Dictionary<string, string?> s, string html, string subject = "Nouveau message", string text = "Nouveau message")
    {
        s["OptinForms:Templates:owner-notification:Subject:fr"] = subject;
        s["OptinForms:Templates:owner-notification:Html:fr"] = html;
        s["OptinForms:Templates:owner-notification:Text:fr"] = text;
    }

    /// <summary>Replaces the welcome email (rule 2 'welcome': OptinConfirmed, to the contact, every form).</summary>
    private static void Welcome(Dictionary<string, string?> s, string html, string culture = "fr")
    {
        s[$"OptinForms:Templates:welcome:Subject:{culture}"] = "Bienvenue";
        s[$"OptinForms:Templates:welcome:Html:{culture}"] = html + " <a href=\"{{ UnsubscribeUrl }}\">désinscription</a>";
        s[$"OptinForms:Templates:welcome:Text:{culture}"] = "Bienvenue {{ UnsubscribeUrl }}";
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_FieldTheFormDoesNotHave_FailsWithPathFormAndClosestName()
    {
        var failures = Failures(s => Notification(s, "<p>{{ Fields.jobtitle }}</p>", text: "{{ Fields.mesage }}"));

        Assert.Contains("OptinForms:Templates:owner-notification:Html:fr: {{ Fields.jobtitle }} is not a field of the form 'contact' "
            + "(rule 'notify-sales' sends this template for it), so it would print nothing; its fields are message (AUTH-1)", failures);
        Assert.Contains("OptinForms:Templates:owner-notification:Text:fr: {{ Fields.mesage }} is not a field of the form 'contact' "
            + "(rule 'notify-sales' sends this template for it), so it would print nothing; its fields are message. Did you mean {{ Fields.message }}? (AUTH-1)", failures);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_FieldOfAnotherForm_FailsWhereFormIsRestrictsTheRule()
    {
        var failures = Failures(s =>
        {
            s.Remove("OptinForms:Rules:3:Forms:0");
            s["OptinForms:Rules:3:If:FormIs"] = "contact";
            Notification(s, "<p>{{ Fields.firstName }}</p>");
        });

        Assert.Contains(failures, f => f.StartsWith(
            "OptinForms:Templates:owner-notification:Html:fr: {{ Fields.firstName }} is not a field of the form 'contact'", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_FieldOfAnyFormARuleSendsFor_Loads()
    {
        // 'welcome' goes on OptinConfirmed for every form: the submission's fields are there (firstName, message).
        Loads(s => Welcome(s, "<p>{{ Fields.firstName }} {{ Values.message }} {{ Fields['firstName'] | upcase }}</p>"));
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_RootNameThatIsAField_FailsAndSuggestsFields()
    {
        var failures = Failures(s => Welcome(s, "<p>Bonjour {{ FirstName }}</p>"));

        Assert.Contains("OptinForms:Templates:welcome:Html:fr: {{ FirstName }} is not a variable of an email to the contact "
            + "(rule 'welcome' sends this template without To), so it would print nothing; its variables are Consents, Controller, Culture, "
            + "Email, Fields, FormId, PreferencesUrl, PurposeText, SiteUrl, UnsubscribeUrl, Values. Did you mean {{ Fields.firstName }}? (AUTH-1)", failures);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_ContactObject_FailsAndSuggestsFields()
    {
        var failures = Failures(s => Notification(s, "<p>{{ Contact.message }}</p>"));

        Assert.Contains("OptinForms:Templates:owner-notification:Html:fr: {{ Contact.message }} is not a variable of a notification email "
            + "(rule 'notify-sales' sends this template with To), so it would print nothing; its variables are Consents, Controller, Culture, "
            + "Email, Fields, FormId, PurposeText, SiteUrl, Values. Did you mean {{ Fields.message }}? (AUTH-1)", failures);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_UnknownFilter_FailsAndSuggestsTheClosest()
    {
        var failures = Failures(s => Notification(s, "<p>{{ FormId | uppercase }}</p>", subject: "{{ FormId | frobnicate }}"));

        Assert.Contains("OptinForms:Templates:owner-notification:Html:fr: 'uppercase' is not a Liquid filter. Did you mean {{ upcase }}? (AUTH-1)", failures);
        Assert.Contains("OptinForms:Templates:owner-notification:Subject:fr: 'frobnicate' is not a Liquid filter (AUTH-1)", failures);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    [Trait("Requirement", "DOI-6")]
    public void Validate_DoubleOptinTemplateWithoutConfirmUrl_Fails()
    {
        var failures = Failures(s =>
        {
            s["OptinForms:Templates:double-optin:Subject:fr"] = "Confirmez";
            s["OptinForms:Templates:double-optin:Html:fr"] = "<p>Merci de confirmer votre inscription.</p>";
            s["OptinForms:Templates:double-optin:Text:fr"] = "Confirmez ici : {{ ConfirmUrl }}";
        });

        Assert.Contains("OptinForms:Templates:double-optin:Html:fr: a double opt-in email must show its confirmation link {{ ConfirmUrl }} "
            + "in its Html and in its Text, or nobody can confirm; the Html in 'fr' does not (rule 'double-opt-in' sends this template with "
            + "SendDoubleOptinEmail) (AUTH-1)", failures);
        Assert.DoesNotContain(failures, f => f.StartsWith("OptinForms:Templates:double-optin:Text", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_EveryCultureAndPart_IsChecked()
    {
        var failures = Failures(s =>
        {
            Welcome(s, "<p>{{ Fields.firstName }}</p>");
            Welcome(s, "<p>Hello</p>", "en");
            s["OptinForms:Templates:welcome:Subject:en"] = "Welcome {{ Fields.firstname }}";
        });

        Assert.Equal(
            ["OptinForms:Templates:welcome:Subject:en: {{ Fields.firstname }} is not a field of the forms 'contact', 'newsletter' (rule 'welcome' "
                + "sends this template for them), so it would print nothing; their fields are firstName, message. Did you mean {{ Fields.firstName }}? (AUTH-1)"],
            failures);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_TemplateFromFile_IsCheckedWithTheFilesPath()
    {
        Directory.CreateDirectory(_root);
        File.WriteAllText(Path.Combine(_root, "notif.fr.html"), "<p>{{ Fields.jobtitle }}</p>");
        var failures = Failures(s =>
        {
            s["OptinForms:TemplateRoot"] = _root;
            s["OptinForms:Templates:owner-notification:Subject:fr"] = "Nouveau message";
            s["OptinForms:Templates:owner-notification:HtmlFile:fr"] = "notif.fr.html";
            s["OptinForms:Templates:owner-notification:Text:fr"] = "{{ Fields.message }}";
        });

        Assert.Contains(failures, f => f.StartsWith(
            "OptinForms:Templates:owner-notification:HtmlFile:fr: in the file 'notif.fr.html': {{ Fields.jobtitle }} is not a field of the form 'contact'",
            StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_LoopAssignCaptureAndForloop_AreAllowed()
    {
        Loads(s => Notification(s,
            "{% assign who = Email | downcase %}{% capture list %}{% for c in Consents %}{{ c }}{% unless forloop.last %}, {% endunless %}{% endfor %}{% endcapture %}"
            + "<p>{{ who }} : {{ list }}</p>{% for field in Fields %}{{ field[0] }} {{ field[1] }}{% endfor %}{% increment n %}{{ n }}"));
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_UnsubscribeUrlInANotification_Fails()
    {
        var failures = Failures(s => Notification(s, "<p>{{ UnsubscribeUrl }}</p>"));

        Assert.Contains(failures, f => f.StartsWith(
            "OptinForms:Templates:owner-notification:Html:fr: {{ UnsubscribeUrl }} is not a variable of a notification email", StringComparison.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Validate_LandingPageTemplateWithUnknownVariable_Fails()
    {
        var failures = Failures(s =>
        {
            s["OptinForms:LandingPages:salon:Template"] = "salon-page";
            s["OptinForms:Templates:salon-page:Html:fr"] = "<h1>{{ titel }}</h1>{{ form }}";
        });

        Assert.Contains("OptinForms:Templates:salon-page:Html:fr: {{ titel }} is not a variable of a landing page, so it would print nothing; "
            + "its variables are assets, culture, form, path, title. Did you mean {{ title }}? (AUTH-1)", failures);
    }

    [Fact]
    [Trait("Requirement", "AUTH-1")]
    public void Check_Problems_CarryTheirCodes()
    {
        var options = new OptinFormsOptions();
        options.Rules.Add(new RuleOptions
        {
            Name = "doi",
            When = "FormSubmitted",
            Then = [new RuleActionOptions { Action = "SendDoubleOptinEmail", Args = { ["Template"] = "confirm" } }],
        });
        options.Templates["confirm"] = new EmailTemplateOptions
        {
            Subject = { ["fr"] = "Confirmez" },
            Html = { ["fr"] = "<p>{{ PurposeText | upcas }}</p>" },
            Text = { ["fr"] = "{{ ConfirmUrl }}" },
        };
        var problems = new List<ConfigurationProblem>();

        TemplateVariableCheck.Check(options, EmailTemplateCompiler.Compile(options, problems), problems);

        Assert.Equal(
            [
                ("OptinForms:Templates:confirm:Html:fr", ConfigurationCodes.DanglingReference, "'upcas' is not a Liquid filter. Did you mean {{ upcase }}? (AUTH-1)"),
                ("OptinForms:Templates:confirm:Html:fr", ConfigurationCodes.Missing, "a double opt-in email must show its confirmation link {{ ConfirmUrl }} in its "
                    + "Html and in its Text, or nobody can confirm; the Html in 'fr' does not (rule 'doi' sends this template with SendDoubleOptinEmail) (AUTH-1)"),
            ],
            problems.Select(p => (p.Path, p.Code, p.Message)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }
}
