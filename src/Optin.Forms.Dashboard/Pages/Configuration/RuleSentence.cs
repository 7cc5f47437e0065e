using System.Text;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.Contacts;
using Optin.Forms.Dashboard.Infrastructure;
using Optin.Forms.Rules;

namespace Optin.Forms.Dashboard.Pages;

/// <summary>
/// A rule as a sentence in French or English (encoded HTML, names in <c>em</c>), e.g. "When the form <em>newsletter</em> is
/// submitted and consent <em>newsletter</em> was given → send the double opt-in email".
/// </summary>
internal static class RuleSentence
{
    public static string Render(RuleOptions rule, string culture)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var fr = culture == DashboardCultures.French;
        var html = new StringBuilder(256);
        html.Append(Event(rule, fr));
        var conditions = rule.If is { } c ? Conditions(c, fr) : [];
        if (conditions.Count > 0)
        {
            html.Append(fr ? " et " : " and ").Append(string.Join(fr ? " et " : " and ", conditions));
        }

        var steps = rule.Then.Select(a => Step(a, fr)).ToList();
        html.Append(" → ").Append(steps.Count == 0 ? (fr ? "rien" : "nothing") : string.Join(fr ? ", puis " : ", then ", steps));
        return html.ToString();
    }

    private static string Em(string? name) => "<em>" + Html.Encode(name) + "</em>";

    private static string Names(IEnumerable<string> names, bool fr) => string.Join(fr ? " ou " : " or ", names.Select(Em));

    private static string Event(RuleOptions rule, bool fr)
    {
        var forms = rule.Forms.Count == 0 ? null : Names(rule.Forms, fr);
        var onForms = forms is null ? string.Empty : (fr ? " (formulaire " : " (form ") + forms + ")";
        return rule.When switch
        {
            nameof(FormSubmitted) => forms is null
                ? (fr ? "Quand un formulaire est envoyé" : "When any form is submitted")
                : (fr ? "Quand le formulaire " + forms + " est envoyé" : "When the form " + forms + " is submitted"),
            nameof(OptinConfirmed) => (fr ? "Quand une inscription est confirmée" : "When an opt-in is confirmed") + onForms,
            nameof(OptinWithdrawn) => (fr ? "Quand un consentement est retiré" : "When consent is withdrawn") + onForms,
            nameof(DoubleOptinExpired) => (fr ? "Quand une demande de double opt-in expire sans confirmation"
                : "When a double opt-in request expires unconfirmed") + onForms,
            nameof(ContactOptinChanged) => (fr ? "Quand l'inscription d'un contact change" : "When a contact's opt-in changes") + onForms,
            _ => (fr ? "Quand " : "When ") + Em(rule.When) + onForms,
        };
    }

    private static List<string> Conditions(RuleConditionOptions c, bool fr)
    {
        var all = new List<string>();
        if (c.FormIs is { } form)
        {
            all.Add((fr ? "le formulaire est " : "the form is ") + Em(form));
        }

        if (c.LandingPageIs is { } page)
        {
            all.Add((fr ? "la page d'atterrissage est " : "the landing page is ") + Em(page));
        }

        if (c.VariantIs is { } variant)
        {
            all.Add((fr ? "la variante est " : "the variant is ") + Em(variant));
        }

        if (c.SourceIs is { } source)
        {
            all.Add((fr ? "la source est " : "the source is ") + Em(source));
        }

        foreach (var (field, value) in c.FieldEquals)
        {
            all.Add((fr ? "le champ " : "the field ") + Em(field) + (fr ? " vaut « " : " equals “") + Html.Encode(value) + (fr ? " »" : "”"));
        }

        foreach (var (field, pattern) in c.FieldMatches)
        {
            all.Add((fr ? "le champ " : "the field ") + Em(field) + (fr ? " correspond à " : " matches ") + "<code>" + Html.Encode(pattern) + "</code>");
        }

        all.AddRange(c.FieldIsEmpty.Select(field => (fr ? "le champ " : "the field ") + Em(field) + (fr ? " est vide" : " is empty")));
        if (c.ConsentGiven is { } consent)
        {
            all.Add((fr ? "le consentement " : "consent ") + Em(consent) + (fr ? " a été donné" : " was given"));
        }

        if (c.Purpose is { } purpose)
        {
            all.Add((fr ? "la finalité est " : "the purpose is ") + Em(purpose));
        }

        foreach (var (purposeId, state) in c.OptinState)
        {
            all.Add((fr ? "l'inscription à " : "the opt-in to ") + Em(purposeId) + (fr ? " est " : " is ") + State(state, fr));
        }

        if (c.ContactKind is { } kind)
        {
            all.Add((fr ? "le contact est de type " : "the contact is of kind ") + Em(kind.ToString()));
        }

        if (c.Culture is { } culture)
        {
            all.Add((fr ? "la langue est " : "the language is ") + Em(culture));
        }

        all.AddRange(c.All.Select(inner => Conditions(inner, fr)).Where(l => l.Count > 0).Select(l => "(" + string.Join(fr ? " et " : " and ", l) + ")"));
        var any = c.Any.Select(inner => Conditions(inner, fr)).Where(l => l.Count > 0).Select(l => string.Join(fr ? " et " : " and ", l)).ToList();
        if (any.Count > 0)
        {
            all.Add("(" + string.Join(fr ? " ou " : " or ", any) + ")");
        }

        foreach (var (name, args) in c.Custom)
        {
            all.Add((fr ? "la condition " : "the condition ") + Em(name) + Args(args) + (fr ? " est remplie" : " holds"));
        }

        return all;
    }

    private static string State(OptinState state, bool fr) => state switch
    {
        OptinState.OptedIn => fr ? "acceptée" : "opted in",
        OptinState.PendingConfirmation => fr ? "en attente de confirmation" : "pending confirmation",
        OptinState.Withdrawn => fr ? "retirée" : "withdrawn",
        _ => fr ? "absente" : "none",
    };

    private static string Step(RuleActionOptions step, bool fr)
    {
        string? Arg(string name) => step.Args.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : null;
        var purpose = Arg("Purpose") is { } p ? (fr ? " pour " : " for ") + Em(p) : string.Empty;
        return step.Action switch
        {
            "SendDoubleOptinEmail" => (fr ? "envoyer l'email de double opt-in" : "send the double opt-in email")
                + (Arg("Template") is { } t && t != "double-optin" ? " " + Em(t) : string.Empty),
            "SendEmail" => (fr ? "envoyer l'email " : "send the email ") + Em(Arg("Template")) + Recipient(Arg("To"), fr) + purpose,
            "SetOptin" => (fr ? "mettre l'inscription " : "set the opt-in ") + (Arg("Purpose") is { } sp ? (fr ? "à " : "to ") + Em(sp) + " " : string.Empty)
                + (fr ? "à l'état " : "to ") + Em(Arg("State")),
            "SetField" => (fr ? "mettre le champ " : "set the field ") + Em(Arg("Field")) + (fr ? " à « " : " to “") + Html.Encode(Arg("Value")) + (fr ? " »" : "”"),
            "AddTag" => (fr ? "ajouter l'étiquette " : "add the tag ") + Em(Arg("Tag")),
            "Wait" => (fr ? "attendre " : "wait ") + Html.Encode(Arg("For")),
            "Webhook" => (fr ? "appeler le webhook de " : "call the webhook at ") + Em(Origin(Arg("Url"))),
            _ => (fr ? "exécuter " : "run ") + Em(step.Action) + Args(step.Args),
        };
    }

    private static string Recipient(string? to, bool fr) =>
        to is null || to.Equals("contact", StringComparison.OrdinalIgnoreCase)
            ? (fr ? " au contact" : " to the contact")
            : (fr ? " à " : " to ") + Em(to);

    /// <summary>A webhook by its origin only: its path or query often holds a secret.</summary>
    private static string? Origin(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : url is null ? null : "?";

    /// <summary>The arguments of a host's action or condition, by name only: their values may be secrets.</summary>
    private static string Args(IReadOnlyDictionary<string, string?> args) =>
        args.Count == 0 ? string.Empty : " (" + string.Join(", ", args.Keys.Order(StringComparer.Ordinal).Select(Html.Encode)) + ")";
}
