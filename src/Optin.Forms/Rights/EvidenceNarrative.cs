using NodaTime;
using Optin.Forms.Consent;

namespace Optin.Forms.Rights;

/// <summary>
/// The plain-language account of the evidence page (EVD-1): one sentence or two per ledger entry, in order, that a
/// judge reads without the annex. Values are returned raw; the page encodes them.
/// </summary>
internal static class EvidenceNarrative
{
    /// <summary>The sentences for <paramref name="e"/>, in the language of <paramref name="t"/>, times in <paramref name="zone"/>.</summary>
    public static IEnumerable<string> Sentences(ConsentEvent e, EvidenceTexts t, DateTimeZone zone)
    {
        var when = $"{t["on"]} {t.When(e.OccurredAt, zone)}";
        var fr = t.IsFrench;
        var purpose = e.PurposeId.Length == 0 ? null : e.PurposeId;
        switch (e.Kind)
        {
            case ConsentEventKind.Given when e.Method == ConsentMethod.Api:
                yield return fr
                    ? $"{when}, un programme a envoyé l'adresse {Q(e.Address, fr)} au formulaire {Q(e.FormId, fr)} (version {e.FormVersion}) par son interface (API, JSON)"
                        + $"{From(e, fr)}. Le consentement à la finalité {Q(purpose, fr)} a été déclaré avec le texte {Q(e.ConsentText, fr)} ; "
                        + "cet envoi ne prouve pas qu'une personne a vu ce texte : aucun formulaire du site n'a été affiché."
                    : $"{when}, a program submitted the address {Q(e.Address, fr)} to the form {Q(e.FormId, fr)} (version {e.FormVersion}) through its API (JSON)"
                        + $"{From(e, fr)}. Consent to the purpose {Q(purpose, fr)} was declared with the text {Q(e.ConsentText, fr)}; "
                        + "this post does not prove that a person saw that text: no form of the site was shown.";
                break;
            case ConsentEventKind.Given:
                yield return fr
                    ? $"{when}, l'adresse {Q(e.Address, fr)} a été saisie dans le formulaire {Q(e.FormId, fr)} (version {e.FormVersion})"
                        + $"{Page(e, fr)}{From(e, fr)}. La case {Q(e.ConsentText, fr)}, affichée non cochée, a été cochée ; à côté figurait le texte "
                        + $"{Q(e.PurposeText, fr)}{Controller(e, fr)}. État : {t.State(e.State)}."
                    : $"{when}, the address {Q(e.Address, fr)} was entered on the form {Q(e.FormId, fr)} (version {e.FormVersion})"
                        + $"{Page(e, fr)}{From(e, fr)}. The box {Q(e.ConsentText, fr)}, shown unticked, was ticked; beside it was the text "
                        + $"{Q(e.PurposeText, fr)}{Controller(e, fr)}. State: {t.State(e.State)}.";
                break;
            case ConsentEventKind.EmailSent:
                yield return fr
                    ? $"{when}, un e-mail (modèle {Q(e.TemplateId, fr)}) a été envoyé à l'adresse {Q(e.Address, fr)}, Message-ID {Q(e.MessageId, fr)}."
                    : $"{when}, an email (template {Q(e.TemplateId, fr)}) was sent to the address {Q(e.Address, fr)}, Message-ID {Q(e.MessageId, fr)}.";
                break;
            case ConsentEventKind.Confirmed:
                yield return fr
                    ? $"{when}, le lien de confirmation{Carrier(e, fr)} a été ouvert{From(e, fr)}. Le consentement à la finalité {Q(purpose, fr)} "
                        + $"est confirmé, pour le texte {Q(e.ConsentText, fr)}."
                    : $"{when}, the confirmation link{Carrier(e, fr)} was clicked{From(e, fr)}. Consent to the purpose {Q(purpose, fr)} "
                        + $"is confirmed, for the text {Q(e.ConsentText, fr)}.";
                break;
            case ConsentEventKind.Withdrawn or ConsentEventKind.Objected:
                yield return fr
                    ? $"{when}, {t.Kind(e.Kind).ToLowerInvariant()}{(purpose is null ? string.Empty : $" pour la finalité {Q(purpose, fr)}")}, par {t.Method(e.Method)}{From(e, fr)}{Why(e, fr)}."
                    : $"{when}, {t.Kind(e.Kind).ToLowerInvariant()}{(purpose is null ? string.Empty : $" for the purpose {Q(purpose, fr)}")}, through {t.Method(e.Method)}{From(e, fr)}{Why(e, fr)}.";
                break;
            case ConsentEventKind.EmailChanged:
                yield return fr
                    ? $"{when}, l'opérateur {Q(e.Actor, fr)} a rectifié l'adresse : {Q(e.PreviousAddress, fr)} est devenue {Q(e.Address, fr)}{Why(e, fr)}."
                        + (purpose is null ? string.Empty : $" La finalité {Q(purpose, fr)} repasse en attente de confirmation à la nouvelle adresse.")
                    : $"{when}, the operator {Q(e.Actor, fr)} rectified the address: {Q(e.PreviousAddress, fr)} became {Q(e.Address, fr)}{Why(e, fr)}."
                        + (purpose is null ? string.Empty : $" The purpose {Q(purpose, fr)} awaits confirmation at the new address again.");
                break;
            default:
                yield return fr
                    ? $"{when} : {t.Kind(e.Kind).ToLowerInvariant()}{(purpose is null ? string.Empty : $" (finalité {Q(purpose, fr)})")}, par {t.Method(e.Method)}"
                        + $"{(e.Actor is null ? string.Empty : $" ({Q(e.Actor, fr)})")}{Why(e, fr)}. État : {t.State(e.State)}."
                    : $"{when}: {t.Kind(e.Kind).ToLowerInvariant()}{(purpose is null ? string.Empty : $" (purpose {Q(purpose, fr)})")}, by {t.Method(e.Method)}"
                        + $"{(e.Actor is null ? string.Empty : $" ({Q(e.Actor, fr)})")}{Why(e, fr)}. State: {t.State(e.State)}.";
                break;
        }
    }

    private static string Q(string? value, bool fr) => value is null ? (fr ? "(non enregistré)" : "(not recorded)") : fr ? $"« {value} »" : $"“{value}”";

    private static string Page(ConsentEvent e, bool fr) => e.SourceUrl is null ? string.Empty : fr ? $" sur la page {e.SourceUrl}" : $" on the page {e.SourceUrl}";

    private static string From(ConsentEvent e, bool fr) => (e.IpAddress, e.UserAgent) switch
    {
        (null, null) => string.Empty,
        (var ip, null) => fr ? $", depuis l'adresse IP {ip}" : $", from the IP address {ip}",
        (null, var ua) => fr ? $", avec le navigateur {Q(ua, fr)}" : $", with the user agent {Q(ua, fr)}",
        var (ip, ua) => fr ? $", depuis l'adresse IP {ip} avec le navigateur {Q(ua, fr)}" : $", from the IP address {ip} with the user agent {Q(ua, fr)}",
    };

    private static string Controller(ConsentEvent e, bool fr) =>
        e.Controller is null ? string.Empty : fr ? $", le responsable du traitement étant {e.Controller}" : $", the controller being {e.Controller}";

    private static string Carrier(ConsentEvent e, bool fr) => e.MessageId is null
        ? string.Empty
        : fr ? $" de l'e-mail {Q(e.MessageId, fr)} envoyé à {Q(e.Address, fr)}" : $" of the email {Q(e.MessageId, fr)} sent to {Q(e.Address, fr)}";

    private static string Why(ConsentEvent e, bool fr) => e.Reason is null ? string.Empty : fr ? $" (motif : {e.Reason})" : $" (reason: {e.Reason})";
}
