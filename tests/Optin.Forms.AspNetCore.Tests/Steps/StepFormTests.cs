using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Optin.Forms.AspNetCore.Tests.Support;
using Optin.Forms.Contacts;

namespace Optin.Forms.AspNetCore.Tests.Steps;

/// <summary>
/// The sample's multi-step form (<c>atelier</c>: you, your workshop, your choices) over HTTP without JavaScript: each
/// step validated when posted, back and next keeping what was typed, the earlier steps' values in a protected state,
/// nothing stored before the last step, and a stale, altered or foreign state refused with step 1 shown again.
/// </summary>
[Trait("Feature", "Steps")]
public sealed class StepFormTests
{
    private const string Form = "atelier";

    private static OptinWebFactory App(params (string Key, string? Value)[] settings) =>
        new([("OptinForms:Abuse:Challenge:MaxNumber", "300"), .. settings]);

    private static async Task<StepVisitor> OpenAsync(OptinWebFactory app, string culture = "fr")
    {
        var visitor = new StepVisitor(app.Client());
        await visitor.OpenAsync("/optin/forms/atelier?culture=" + culture);
        return visitor;
    }

    /// <summary>Steps 1 and 2 filled and posted: the visitor is on step 3 (the consents and the challenge).</summary>
    private static async Task<StepVisitor> ToLastStepAsync(OptinWebFactory app, string email, string culture = "fr")
    {
        var visitor = await OpenAsync(app, culture);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(Form, ("email", email), ("firstName", "Jeanne"), ("__optin_step_next", "1"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsync(Form, ("workshop", "weaving"), ("message", "Deux places ?"), ("__optin_step_next", "1"))).StatusCode);
        Assert.Contains(culture == "fr" ? "Étape 3 sur 3 : Vos choix" : "Step 3 of 3: Your choices", visitor.Text, StringComparison.Ordinal);
        return visitor;
    }

    private static async Task<long> SubmissionsAsync(OptinWebFactory app, string form = Form) =>
        await app.Store.Submissions.CountByFormAsync(form, default);

    [Fact]
    public async Task FirstStep_ShowsOnlyItsFields_WithNextButton_NoConsentNoChallengeNoState()
    {
        using var app = App();
        var visitor = await OpenAsync(app);

        Assert.Contains("<h3 class=\"optin-step-title\" id=\"optin-atelier-step\">Étape 1 sur 3 : Vous</h3>", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"email\"", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"firstName\"", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"workshop\"", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("consent.newsletter", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-optin-challenge", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("__optin_state", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("__optin_step_back", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("<button type=\"submit\" class=\"optin-button\" name=\"__optin_step_next\" value=\"1\">Suivant</button>", visitor.Html,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task LandingPage_ShowsTheFirstStep()
    {
        using var app = App();
        var html = await app.Client().GetStringAsync("/atelier?culture=en");

        Assert.Contains("Step 1 of 3: You", WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("action=\"/optin/forms/atelier\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"workshop\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Next_FromAValidStep_ShowsTheNextStep_WithTheEarlierValuesEncrypted_AndStoresNothing()
    {
        using var app = App();
        var visitor = await OpenAsync(app);
        var email = Some.Email("etape");

        var response = await visitor.PostAsync(Form, ("email", email), ("firstName", "Jeanne"), ("__optin_step_next", "1"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Étape 2 sur 3 : Votre atelier", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"workshop\" value=\"ceramics\"", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"email\"", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"__optin_step_back\" value=\"1\" formnovalidate>Précédent</button>", visitor.Html, StringComparison.Ordinal);
        Assert.Single(visitor.All("__optin_state"));
        // The earlier step's values travel encrypted: neither the address nor the first name is readable in the page.
        Assert.DoesNotContain(email, visitor.Text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Jeanne", visitor.Text, StringComparison.Ordinal);

        await visitor.PostAsync(Form, ("workshop", "weaving"), ("__optin_step_next", "1"));
        Assert.Contains("Étape 3 sur 3 : Vos choix", visitor.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
        Assert.Equal(0, await SubmissionsAsync(app));
    }

    [Fact]
    public async Task Next_FromAnInvalidStep_ShowsThatStepAgainWithItsErrors_400()
    {
        using var app = App();
        var visitor = await OpenAsync(app);

        var response = await visitor.PostAsync(Form, ("email", "pas-une-adresse"), ("__optin_step_next", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Étape 1 sur 3 : Vous", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"pas-une-adresse\"", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"optin-atelier-firstName-error\"", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("id=\"optin-atelier-email-error\"", visitor.Html, StringComparison.Ordinal);

        await visitor.PostAsync(Form, ("email", Some.Email()), ("firstName", "Jeanne"), ("__optin_step_next", "1"));
        var step2 = await visitor.PostAsync(Form, ("workshop", "pottery"), ("__optin_step_next", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, step2.StatusCode);
        Assert.Contains("Étape 2 sur 3", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("id=\"optin-atelier-workshop-error\"", visitor.Html, StringComparison.Ordinal);
        // Only the step's own errors: step 3's unticked consent and step 1's fields are not this page's business.
        Assert.DoesNotContain("optin-atelier-email-error", visitor.Html, StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    public async Task BackAndNext_WithoutJavaScript_KeepWhatWasTyped_AndBackDoesNotValidate()
    {
        using var app = App();
        var visitor = await ToLastStepAsync(app, Some.Email());

        // Back from step 3 to step 2: the workshop and the message come back as typed.
        var back = await visitor.PostAsync(Form, ("consent.newsletter", "true"), ("__optin_step_back", "1"));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("Étape 2 sur 3", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"weaving\" checked", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("Deux places ?</textarea>", visitor.Text, StringComparison.Ordinal);

        // Back again, with an invalid choice typed on step 2: no validation, step 1 with its values.
        back = await visitor.PostAsync(Form, ("workshop", "pottery"), ("message", "Trois places ?"), ("__optin_step_back", "1"));
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Contains("Étape 1 sur 3", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"" + Some.Email() + "\"", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("value=\"Jeanne\"", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("optin-error", visitor.Html, StringComparison.Ordinal);

        // Forward: step 2 shows what was typed when leaving it.
        await visitor.PostAsync(Form, ("email", Some.Email()), ("firstName", "Jeanne"), ("__optin_step_next", "1"));
        Assert.Contains("Étape 2 sur 3", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("Trois places ?</textarea>", visitor.Text, StringComparison.Ordinal);
        await visitor.PostAsync(Form, ("workshop", "woodwork"), ("ownTools", "yes"), ("message", "Trois places ?"), ("__optin_step_next", "1"));

        // Step 3 again: the consent box is unticked (CONS-1), whatever was ticked before going back.
        Assert.Contains("Étape 3 sur 3", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"consent.newsletter\" value=\"true\"", visitor.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("checked", visitor.Html.Replace("value=\"woodwork\" checked", string.Empty, StringComparison.Ordinal),
            StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    [Trait("Requirement", "CONS-6")]
    public async Task LastStep_WithTheChallengeSolved_StoresOnce_EveryStepsValues_AndTheConsent()
    {
        using var app = App();
        var email = Some.Email("atelier");
        var visitor = await ToLastStepAsync(app, email);
        Assert.Contains("data-optin-challenge", visitor.Html, StringComparison.Ordinal);
        visitor.SolveChallenge();

        var response = await visitor.PostAsync(Form, ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/merci", response.Headers.Location!.OriginalString);
        var contact = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).SingleAsync();
        Assert.Equal(email, contact.Email);
        Assert.Equal(OptinState.PendingConfirmation, contact.GetState("newsletter"));
        var submission = await app.Store.Submissions.ListByContactAsync(contact.Id, default).SingleAsync();
        Assert.Equal("Jeanne", submission.Values["firstName"]);
        Assert.Equal("weaving", submission.Values["workshop"]);
        Assert.Equal("Deux places ?", submission.Values["message"]);
        Assert.Equal("newsletter", Assert.Single(submission.ConsentsGiven));
        Assert.Equal(1, await SubmissionsAsync(app));
    }

    [Fact]
    public async Task LandingPageAttribution_TravelsFromStepToStep_AndIsRecordedWithTheSubmission()
    {
        using var app = App();
        var visitor = new StepVisitor(app.Client());
        await visitor.OpenAsync("/atelier?culture=fr&utm_source=salon2026&utm_campaign=ateliers");
        Assert.Single(visitor.All("__optin_attribution"));

        await visitor.PostAsync(Form, ("email", Some.Email("utm")), ("firstName", "Jeanne"), ("__optin_step_next", "1"));
        Assert.Single(visitor.All("__optin_attribution"));
        await visitor.PostAsync(Form, ("workshop", "weaving"), ("__optin_step_next", "1"));
        Assert.Single(visitor.All("__optin_attribution"));
        visitor.SolveChallenge();
        Assert.Equal(HttpStatusCode.SeeOther, (await visitor.PostAsync(Form, ("consent.newsletter", "true"))).StatusCode);

        var submission = await app.Store.Submissions.ListByFormAsync(Form, 0, 10, default).SingleAsync();
        Assert.NotNull(submission.Attribution);
        Assert.Equal("atelier", submission.Attribution!.LandingPage);
        Assert.Equal("salon2026", submission.Attribution.UtmSource);
        Assert.Equal("ateliers", submission.Attribution.UtmCampaign);
    }

    [Fact]
    public async Task ConditionalField_OnTheSameStep_IsRequiredOnlyWhenItsValueIsChosen()
    {
        using var app = App();
        var visitor = await OpenAsync(app);
        await visitor.PostAsync(Form, ("email", Some.Email("outils")), ("firstName", "Jeanne"), ("__optin_step_next", "1"));
        Assert.Contains("data-optin-show-field", visitor.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"ownTools\"", visitor.Html, StringComparison.Ordinal);

        var missing = await visitor.PostAsync(Form, ("workshop", "woodwork"), ("__optin_step_next", "1"));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("Étape 2 sur 3", visitor.Text, StringComparison.Ordinal);

        var other = await visitor.PostAsync(Form, ("workshop", "weaving"), ("ownTools", "yes"), ("__optin_step_next", "1"));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Contains("Étape 3 sur 3", visitor.Text, StringComparison.Ordinal);
        visitor.SolveChallenge();
        Assert.Equal(HttpStatusCode.SeeOther, (await visitor.PostAsync(Form, ("consent.newsletter", "true"))).StatusCode);
        var submission = await app.Store.Submissions.ListByFormAsync(Form, 0, 10, default).SingleAsync();
        Assert.False(submission.Values.ContainsKey("ownTools"));
    }

    [Fact]
    public async Task ConditionalField_ReadingAnEarlierStep_IsDrawnOnlyWhenThatStepsValueShowsIt()
    {
        const string F = "OptinForms:Forms:quote:Fields";
        using var app = App(
            ("OptinForms:Forms:quote:Title", "Devis"), ("OptinForms:Forms:quote:Consents:0", "newsletter"),
            ($"{F}:0:Name", "email"), ($"{F}:0:Kind", "Email"), ($"{F}:0:Required", "true"),
            ($"{F}:1:Name", "topic"), ($"{F}:1:Kind", "Radio"), ($"{F}:1:Required", "true"),
            ($"{F}:1:Options:0", "quote"), ($"{F}:1:Options:1", "info"),
            ($"{F}:2:Name", "budget"), ($"{F}:2:Kind", "Number"), ($"{F}:2:Required", "true"),
            ($"{F}:2:ShowWhen:Field", "topic"), ($"{F}:2:ShowWhen:Equals", "quote"),
            ($"{F}:3:Name", "message"), ($"{F}:3:Kind", "TextArea"),
            ("OptinForms:Forms:quote:Steps:0:Fields:0", "email"), ("OptinForms:Forms:quote:Steps:0:Fields:1", "topic"),
            ("OptinForms:Forms:quote:Steps:1:Fields:0", "budget"), ("OptinForms:Forms:quote:Steps:1:Fields:1", "message"),
            ("OptinForms:Forms:quote:Processing:Purpose", "Devis"), ("OptinForms:Forms:quote:Processing:LegalBasis", "Contract"),
            ("OptinForms:Forms:quote:Processing:Retention", "365.00:00:00"));

        var info = new StepVisitor(app.Client());
        await info.OpenAsync("/optin/forms/quote?culture=fr");
        await info.PostAsync("quote", ("email", Some.Email("info")), ("topic", "info"), ("__optin_step_next", "1"));
        Assert.Contains("Étape 2 sur 2", info.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"budget\"", info.Html, StringComparison.Ordinal);
        Assert.Contains("name=\"message\"", info.Html, StringComparison.Ordinal);

        var quote = new StepVisitor(app.Client());
        await quote.OpenAsync("/optin/forms/quote?culture=fr");
        await quote.PostAsync("quote", ("email", Some.Email("devis")), ("topic", "quote"), ("__optin_step_next", "1"));
        Assert.Contains("name=\"budget\"", quote.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await quote.PostAsync("quote", ("message", "Bonjour"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await quote.PostAsync("quote", ("budget", "1200"), ("message", "Bonjour"))).StatusCode);
        var submission = await app.Store.Submissions.ListByFormAsync("quote", 0, 10, default).SingleAsync();
        Assert.Equal("1200", submission.Values["budget"]);
    }

    [Fact]
    [Trait("Requirement", "CONS-3")]
    public async Task AConsentPostedOnAStepThatDoesNotShowIt_IsIgnored()
    {
        using var app = App();
        var visitor = await OpenAsync(app);
        await visitor.PostAsync(Form, ("email", Some.Email()), ("firstName", "Jeanne"), ("consent.newsletter", "true"), ("__optin_step_next", "1"));
        await visitor.PostAsync(Form, ("workshop", "weaving"), ("consent.newsletter", "true"), ("__optin_step_next", "1"));
        visitor.SolveChallenge();

        var response = await visitor.PostAsync(Form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var submission = await app.Store.Submissions.ListByFormAsync(Form, 0, 10, default).SingleAsync();
        Assert.Empty(submission.ConsentsGiven);
    }

    [Fact]
    [Trait("Requirement", "CONS-5")]
    public async Task StepSubmission_EqualsTheSamePostOnAOnePageForm()
    {
        const string F = "OptinForms:Forms:flat:Fields";
        using var app = App(
            ("OptinForms:Forms:flat:Title", "Atelier"), ("OptinForms:Forms:flat:Consents:0", "newsletter"),
            ($"{F}:0:Name", "email"), ($"{F}:0:Kind", "Email"), ($"{F}:0:Required", "true"),
            ($"{F}:1:Name", "firstName"), ($"{F}:1:Required", "true"), ($"{F}:1:MaxLength", "80"),
            ($"{F}:2:Name", "workshop"), ($"{F}:2:Kind", "Radio"), ($"{F}:2:Required", "true"),
            ($"{F}:2:Options:0", "ceramics"), ($"{F}:2:Options:1", "weaving"), ($"{F}:2:Options:2", "woodwork"),
            ($"{F}:3:Name", "message"), ($"{F}:3:Kind", "TextArea"), ($"{F}:3:MaxLength", "2000"),
            ("OptinForms:Forms:flat:Processing:Purpose", "Inscription"), ("OptinForms:Forms:flat:Processing:LegalBasis", "Contract"),
            ("OptinForms:Forms:flat:Processing:Retention", "365.00:00:00"));
        var stepped = await ToLastStepAsync(app, Some.Email("a"));
        stepped.SolveChallenge();
        Assert.Equal(HttpStatusCode.SeeOther, (await stepped.PostAsync(Form, ("consent.newsletter", "true"))).StatusCode);
        var flat = new StepVisitor(app.Client());
        await flat.OpenAsync("/optin/forms/flat?culture=fr");
        Assert.Equal(HttpStatusCode.SeeOther, (await flat.PostAsync("flat", ("email", Some.Email("b")), ("firstName", "Jeanne"),
            ("workshop", "weaving"), ("message", "Deux places ?"), ("consent.newsletter", "true"))).StatusCode);

        var a = await app.Store.Submissions.ListByFormAsync(Form, 0, 10, default).SingleAsync();
        var b = await app.Store.Submissions.ListByFormAsync("flat", 0, 10, default).SingleAsync();
        Assert.Equal(b.Values.Remove("email").OrderBy(p => p.Key), a.Values.Remove("email").OrderBy(p => p.Key));
        Assert.Equal(b.ConsentsGiven.ToArray(), a.ConsentsGiven.ToArray());
        Assert.Equal(b.Culture, a.Culture);
        var contacts = await app.Store.Contacts.QueryAsync(new ContactQuery(), default).ToListAsync();
        Assert.Equal(2, contacts.Count);
        Assert.All(contacts, c => Assert.Equal(OptinState.PendingConfirmation, c.GetState("newsletter")));
    }

    [Fact]
    public async Task LastStep_WithoutTheChallenge_IsShownAgainWithItsState_AndStoresNothing_ThenSucceeds()
    {
        using var app = App();
        var visitor = await ToLastStepAsync(app, Some.Email(), "en");

        var refused = await visitor.PostAsync(Form, ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("Step 3 of 3: Your choices", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("The form was not sent: its anti-robot check needs JavaScript.", visitor.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
        Assert.Contains(app.Logs.Messages, m => m.Contains("refused before the pipeline: challenge missing", StringComparison.Ordinal));

        visitor.SolveChallenge();
        Assert.Equal(HttpStatusCode.SeeOther, (await visitor.PostAsync(Form, ("consent.newsletter", "true"))).StatusCode);
        var submission = await app.Store.Submissions.ListByFormAsync(Form, 0, 10, default).SingleAsync();
        Assert.Equal("weaving", submission.Values["workshop"]);
    }

    [Theory]
    [InlineData("fr", "Le formulaire n'a pas pu reprendre là où vous en étiez", "Étape 1 sur 3")]
    [InlineData("en", "The form could not pick up where you left it", "Step 1 of 3")]
    public async Task AlteredState_IsRefused_WithStep1ShownAgain_400_AndNothingStored(string culture, string message, string step1)
    {
        using var app = App();
        var visitor = await ToLastStepAsync(app, Some.Email(), culture);
        var state = visitor.All("__optin_state").Single();
        visitor.Set("__optin_state", state[..20] + (state[20] == 'A' ? 'B' : 'A') + state[21..]);
        visitor.SolveChallenge();

        var response = await visitor.PostAsync(Form, ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, visitor.Text, StringComparison.Ordinal);
        Assert.Contains(step1, visitor.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("__optin_state", visitor.Html, StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
        Assert.Contains(app.Logs.Messages, m => m.Contains("refused before the pipeline: altered step state", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("fr", "Cette page a expiré : les réponses des étapes précédentes ne sont plus valables.")]
    [InlineData("en", "This page has expired: the answers of the earlier steps are no longer valid.")]
    public async Task ExpiredState_IsRefused_WithStep1ShownAgain_400_AndNothingStored(string culture, string message)
    {
        using var app = App(("OptinForms:Abuse:MaxFillTime", "00:30:00"));
        var visitor = await ToLastStepAsync(app, Some.Email(), culture);
        visitor.SolveChallenge();
        app.Clock.Advance(NodaTime.Duration.FromMinutes(31));

        var response = await visitor.PostAsync(Form, ("consent.newsletter", "true"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, visitor.Text, StringComparison.Ordinal);
        Assert.Contains(culture == "fr" ? "Étape 1 sur 3" : "Step 1 of 3", visitor.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
    }

    [Fact]
    public async Task AnotherFormsState_IsRefused_WithStep1ShownAgain_AndNothingStored()
    {
        const string F = "OptinForms:Forms:trip:Fields";
        using var app = App(
            ("OptinForms:Forms:trip:Title", "Trip"), ("OptinForms:Forms:trip:Consents:0", "newsletter"),
            ($"{F}:0:Name", "email"), ($"{F}:0:Kind", "Email"), ($"{F}:0:Required", "true"),
            ($"{F}:1:Name", "firstName"), ($"{F}:1:Required", "true"),
            ($"{F}:2:Name", "workshop"),
            ("OptinForms:Forms:trip:Steps:0:Fields:0", "email"), ("OptinForms:Forms:trip:Steps:0:Fields:1", "firstName"),
            ("OptinForms:Forms:trip:Steps:1:Fields:0", "workshop"),
            ("OptinForms:Forms:trip:Processing:Purpose", "Voyage"), ("OptinForms:Forms:trip:Processing:LegalBasis", "Contract"),
            ("OptinForms:Forms:trip:Processing:Retention", "365.00:00:00"));
        var trip = new StepVisitor(app.Client());
        await trip.OpenAsync("/optin/forms/trip?culture=en");
        await trip.PostAsync("trip", ("email", Some.Email()), ("firstName", "Jeanne"), ("__optin_step_next", "1"));
        var foreign = trip.All("__optin_state").Single();

        var visitor = await OpenAsync(app, "en");
        visitor.Hidden.Add(new("__optin_state", foreign));
        var response = await visitor.PostAsync(Form, ("workshop", "weaving"), ("__optin_step_next", "1"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("The form could not pick up where you left it", visitor.Text, StringComparison.Ordinal);
        Assert.Contains("Step 1 of 3: You", visitor.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.ContactCountAsync());
    }
}
