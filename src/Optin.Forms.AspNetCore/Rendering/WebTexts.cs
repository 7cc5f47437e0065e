using System.Collections.Frozen;
using Optin.Forms.Schema;
using Optin.Forms.Submissions;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>The built-in pages' own words, in French and English (other cultures fall back to English).</summary>
internal static class WebTexts
{
    private static readonly FrozenDictionary<string, string> French = new Dictionary<string, string>
    {
        ["Submit"] = "Envoyer",
        ["Consents"] = "Vos consentements",
        ["ConsentsHint"] = "Cochez uniquement ce que vous acceptez. Aucune case n'est cochée à l'avance.",
        ["Required"] = "obligatoire",
        ["ErrorSummary"] = "Le formulaire contient des erreurs :",
        ["PrivacyNotice"] = "Politique de confidentialité",
        ["Controller"] = "Responsable du traitement :",
        ["Honeypot"] = "Laissez ce champ vide",
        ["Language"] = "Langue",
        ["ChooseOne"] = "Choisissez…",
        ["ThanksTitle"] = "Merci !",
        ["ThanksBody"] = "Votre demande a bien été reçue. Si une confirmation est nécessaire, vous recevrez un e-mail dans quelques minutes : cliquez sur le lien qu'il contient.",
        ["ConfirmTitle"] = "Confirmez votre inscription",
        ["ConfirmBody"] = "Pour terminer, confirmez que vous souhaitez recevoir nos messages.",
        ["ConfirmPurposesBody"] = "Pour terminer, confirmez l'accord que vous avez donné :",
        ["ConfirmButton"] = "Confirmer", // the double opt-in email says: appuyez sur le bouton « Confirmer »
        ["RejectBody"] = "Vous n'avez rien demandé ? Dites-le nous : nous effaçons la demande et n'écrirons plus à cette adresse.",
        ["RejectButton"] = "Ce n'était pas moi",
        ["AutoSubmitting"] = "Confirmation en cours…",
        ["ConfirmedTitle"] = "Inscription confirmée",
        ["ConfirmedBody"] = "Merci, votre inscription est confirmée. Vous pourrez vous désinscrire à tout moment grâce au lien présent dans chaque message.",
        ["RejectedTitle"] = "C'est noté",
        ["RejectedBody"] = "La demande a été supprimée et nous n'écrirons plus à cette adresse.",
        ["InvalidTitle"] = "Lien invalide ou expiré",
        ["InvalidBody"] = "Ce lien n'est pas ou plus valide : il a peut-être déjà été utilisé, ou il a expiré.",
        ["UnsubscribeTitle"] = "Se désinscrire",
        ["UnsubscribeBody"] = "Appuyez sur le bouton pour ne plus recevoir ces messages. Aucune autre information n'est demandée.",
        ["UnsubscribeButton"] = "Me désinscrire",
        ["UnsubscribedTitle"] = "Vous êtes désinscrit",
        ["UnsubscribedBody"] = "C'est fait : vous ne recevrez plus ces messages.",
        ["PreferencesTitle"] = "Vos préférences",
        ["PreferencesAddress"] = "Adresse concernée :",
        ["PreferencesHeld"] = "Ce que vous avez accepté",
        ["PreferencesNone"] = "Vous n'avez plus aucun consentement en cours chez nous.",
        ["PreferencesGivenOn"] = "Accepté le",
        ["PreferencesNoText"] = "Le texte de ce consentement n'a pas été enregistré.",
        ["PreferencesWithdraw"] = "Retirer ce consentement",
        ["PreferencesWithdrawAllBody"] = "Vous pouvez aussi retirer tous vos consentements en une fois.",
        ["PreferencesWithdrawAll"] = "Tout retirer",
        ["PreferencesObjectTitle"] = "Prospection commerciale",
        ["PreferencesObjectBody"] = "Vous pouvez vous opposer à toute prospection commerciale (article 21 du RGPD) : vous ne recevrez plus aucun message commercial, et aucun ne reprendra sans une nouvelle inscription que vous aurez confirmée.",
        ["PreferencesObjectButton"] = "Je m'oppose à la prospection commerciale",
        ["PreferencesObjected"] = "Vous vous êtes opposé à la prospection commerciale : vous ne recevez plus de messages commerciaux.",
        ["PreferencesSaved"] = "C'est enregistré. Voici vos préférences à jour.",
        ["PreferencesResubscribe"] = "Pour vous inscrire de nouveau, utilisez un de nos formulaires : vous recevrez un e-mail à confirmer.",
        ["NotFoundTitle"] = "Page introuvable",
        ["NotFoundBody"] = "Ce formulaire n'existe pas.",
        ["TooManyTitle"] = "Trop de demandes",
        ["TooManyBody"] = "Trop de demandes ont été envoyées. Réessayez dans quelques minutes.",
        ["BadRequestTitle"] = "Demande refusée",
        ["BadRequestBody"] = "La demande n'a pas pu être traitée. Rechargez la page du formulaire et réessayez.",
        ["ServiceUnavailable"] = "Ce service n'est pas disponible pour le moment.",
        ["Expired"] = "Cette page a expiré. Vérifiez vos réponses, cochez de nouveau ce que vous acceptez, puis envoyez le formulaire.",
        ["ChallengeNoScript"] = "Ce formulaire a besoin de JavaScript : votre navigateur y fait une courte vérification anti-robot, sans rien vous demander. Activez JavaScript pour l'envoyer.",
        ["ChallengeWorking"] = "Vérification anti-robot en cours…",
        ["ChallengeDone"] = "Vérification anti-robot terminée.",
        ["ChallengeUnsupported"] = "Votre navigateur ne peut pas faire la vérification anti-robot : ouvrez la page en https ou avec un navigateur récent.",
        ["ChallengeMissing"] = "Le formulaire n'a pas été envoyé : sa vérification anti-robot a besoin de JavaScript. Activez JavaScript, cochez de nouveau ce que vous acceptez, puis envoyez-le.",
        ["ChallengeExpired"] = "La vérification anti-robot a expiré. Vérifiez vos réponses, cochez de nouveau ce que vous acceptez, puis envoyez le formulaire.",
        ["ChallengeFailed"] = "La vérification anti-robot n'a pas abouti. Vérifiez vos réponses, cochez de nouveau ce que vous acceptez, puis envoyez le formulaire.",
        [SubmissionCodes.Required] = "Ce champ est obligatoire.",
        [SubmissionCodes.TooLong] = "Ce texte est trop long.",
        [SubmissionCodes.PatternMismatch] = "Le format n'est pas celui attendu.",
        [SubmissionCodes.InvalidEmail] = "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
        [SubmissionCodes.EmailTooLong] = "Cette adresse e-mail est trop longue.",
        [SubmissionCodes.InvalidChoice] = "Choisissez une des valeurs proposées.",
        [SubmissionCodes.InvalidNumber] = "Saisissez un nombre.",
        [SubmissionCodes.InvalidDate] = "Saisissez une date.",
        [SubmissionCodes.Repeated] = "Ce champ a été envoyé plusieurs fois.",
        [SubmissionCodes.InvalidPhone] = "Saisissez un numéro de téléphone.",
        [SubmissionCodes.InvalidCharacters] = "Ce texte contient des caractères non autorisés.",
        [SubmissionCodes.InvalidCheckbox] = "Valeur de case à cocher non valide.",
        [SubmissionCodes.DuplicateChoice] = "Une même option a été envoyée plusieurs fois.",
        [SubmissionCodes.TooManyChoices] = "Vous avez choisi trop d'options.",
        [SubmissionCodes.OutOfRange] = "Cette valeur est hors des limites permises.",
        ["InvalidPhone.International"] = "Saisissez un numéro de téléphone au format international, avec + et l'indicatif du pays (par exemple +33 6 12 34 56 78).",
        ["InvalidPhone.Region"] = "Saisissez un numéro de téléphone valide.",
        ["TooManyChoices.Max"] = "Choisissez au plus {max} options.",
        ["OutOfRange.Number.Both"] = "Saisissez un nombre entre {min} et {max}.",
        ["OutOfRange.Number.Min"] = "Saisissez un nombre supérieur ou égal à {min}.",
        ["OutOfRange.Number.Max"] = "Saisissez un nombre inférieur ou égal à {max}.",
        ["OutOfRange.Date.Both"] = "Choisissez une date entre le {min} et le {max}.",
        ["OutOfRange.Date.Min"] = "Choisissez une date à partir du {min}.",
        ["OutOfRange.Date.Max"] = "Choisissez une date jusqu'au {max}.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        ["Submit"] = "Send",
        ["Consents"] = "Your consent",
        ["ConsentsHint"] = "Tick only what you agree to. No box is ticked in advance.",
        ["Required"] = "required",
        ["ErrorSummary"] = "Please correct the following:",
        ["PrivacyNotice"] = "Privacy notice",
        ["Controller"] = "Data controller:",
        ["Honeypot"] = "Leave this field empty",
        ["Language"] = "Language",
        ["ChooseOne"] = "Choose…",
        ["ThanksTitle"] = "Thank you!",
        ["ThanksBody"] = "We have received your request. If a confirmation is needed, you will get an email in a few minutes: follow the link it holds.",
        ["ConfirmTitle"] = "Confirm your subscription",
        ["ConfirmBody"] = "To finish, confirm that you want to receive our messages.",
        ["ConfirmPurposesBody"] = "To finish, confirm what you agreed to:",
        ["ConfirmButton"] = "Confirm", // the double opt-in email says: press the "Confirm" button
        ["RejectBody"] = "You did not ask for this? Tell us: we delete the request and will not write to this address again.",
        ["RejectButton"] = "This was not me",
        ["AutoSubmitting"] = "Confirming…",
        ["ConfirmedTitle"] = "Subscription confirmed",
        ["ConfirmedBody"] = "Thank you, your subscription is confirmed. You can unsubscribe at any time with the link in every message.",
        ["RejectedTitle"] = "Noted",
        ["RejectedBody"] = "The request has been deleted and we will not write to this address again.",
        ["InvalidTitle"] = "Invalid or expired link",
        ["InvalidBody"] = "This link is not valid any more: it may have been used already, or it has expired.",
        ["UnsubscribeTitle"] = "Unsubscribe",
        ["UnsubscribeBody"] = "Press the button to stop receiving these messages. Nothing else is asked.",
        ["UnsubscribeButton"] = "Unsubscribe",
        ["UnsubscribedTitle"] = "You are unsubscribed",
        ["UnsubscribedBody"] = "Done: you will not receive these messages any more.",
        ["PreferencesTitle"] = "Your preferences",
        ["PreferencesAddress"] = "Address:",
        ["PreferencesHeld"] = "What you agreed to",
        ["PreferencesNone"] = "You hold no consent with us any more.",
        ["PreferencesGivenOn"] = "Given on",
        ["PreferencesNoText"] = "The text of this consent was not recorded.",
        ["PreferencesWithdraw"] = "Withdraw this consent",
        ["PreferencesWithdrawAllBody"] = "You can also withdraw every consent at once.",
        ["PreferencesWithdrawAll"] = "Withdraw all",
        ["PreferencesObjectTitle"] = "Direct marketing",
        ["PreferencesObjectBody"] = "You can object to all direct marketing (GDPR Article 21): you will receive no marketing messages, and none will resume unless you sign up again and confirm it.",
        ["PreferencesObjectButton"] = "I object to direct marketing",
        ["PreferencesObjected"] = "You objected to direct marketing: you receive no marketing messages.",
        ["PreferencesSaved"] = "Saved. Here are your preferences as they are now.",
        ["PreferencesResubscribe"] = "To subscribe again, use one of our forms: you will get an email to confirm.",
        ["NotFoundTitle"] = "Page not found",
        ["NotFoundBody"] = "This form does not exist.",
        ["TooManyTitle"] = "Too many requests",
        ["TooManyBody"] = "Too many requests were sent. Please try again in a few minutes.",
        ["BadRequestTitle"] = "Request refused",
        ["BadRequestBody"] = "The request could not be processed. Reload the form's page and try again.",
        ["ServiceUnavailable"] = "This service is not available at the moment.",
        ["Expired"] = "This page has expired. Check your answers, tick again what you agree to, then send the form.",
        ["ChallengeNoScript"] = "This form needs JavaScript: your browser runs a short anti-robot check on it, with nothing asked of you. Turn JavaScript on to send it.",
        ["ChallengeWorking"] = "Anti-robot check in progress…",
        ["ChallengeDone"] = "Anti-robot check done.",
        ["ChallengeUnsupported"] = "Your browser cannot run the anti-robot check: open the page over https or in a recent browser.",
        ["ChallengeMissing"] = "The form was not sent: its anti-robot check needs JavaScript. Turn JavaScript on, tick again what you agree to, then send it.",
        ["ChallengeExpired"] = "The anti-robot check has expired. Check your answers, tick again what you agree to, then send the form.",
        ["ChallengeFailed"] = "The anti-robot check did not succeed. Check your answers, tick again what you agree to, then send the form.",
        [SubmissionCodes.Required] = "This field is required.",
        [SubmissionCodes.TooLong] = "This text is too long.",
        [SubmissionCodes.PatternMismatch] = "This value does not have the expected format.",
        [SubmissionCodes.InvalidEmail] = "Enter a valid email address, such as name@example.com.",
        [SubmissionCodes.EmailTooLong] = "This email address is too long.",
        [SubmissionCodes.InvalidChoice] = "Choose one of the values offered.",
        [SubmissionCodes.InvalidNumber] = "Enter a number.",
        [SubmissionCodes.InvalidDate] = "Enter a date.",
        [SubmissionCodes.Repeated] = "This field was sent more than once.",
        [SubmissionCodes.InvalidPhone] = "Enter a telephone number.",
        [SubmissionCodes.InvalidCharacters] = "This text holds characters that are not allowed.",
        [SubmissionCodes.InvalidCheckbox] = "Not a valid checkbox value.",
        [SubmissionCodes.DuplicateChoice] = "The same option was sent more than once.",
        [SubmissionCodes.TooManyChoices] = "Too many options were chosen.",
        [SubmissionCodes.OutOfRange] = "This value is outside the limits allowed.",
        ["InvalidPhone.International"] = "Enter a telephone number in international format, with + and the country code (for example +44 20 7946 0958).",
        ["InvalidPhone.Region"] = "Enter a valid telephone number.",
        ["TooManyChoices.Max"] = "Choose at most {max} options.",
        ["OutOfRange.Number.Both"] = "Enter a number between {min} and {max}.",
        ["OutOfRange.Number.Min"] = "Enter a number of at least {min}.",
        ["OutOfRange.Number.Max"] = "Enter a number of at most {max}.",
        ["OutOfRange.Date.Both"] = "Choose a date between {min} and {max}.",
        ["OutOfRange.Date.Min"] = "Choose a date on or after {min}.",
        ["OutOfRange.Date.Max"] = "Choose a date on or before {max}.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The text <paramref name="key"/> in <paramref name="culture"/> (French for <c>fr</c> and <c>fr-*</c>, else English).</summary>
    public static string Get(string culture, string key)
    {
        var texts = culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
        return texts.TryGetValue(key, out var text) ? text : English.GetValueOrDefault(key, key);
    }

    /// <summary>
    /// The message of <paramref name="code"/> that names the field's own limits (bounds, number of choices, the phone
    /// format expected), in <paramref name="culture"/>; null when the code has none.
    /// </summary>
    public static string? ForField(string culture, string code, FieldDefinition field)
    {
        var format = System.Globalization.CultureInfo.GetCultureInfo(culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "fr-FR" : "en-GB");
        switch (code)
        {
            case SubmissionCodes.InvalidPhone:
                return Get(culture, field.DefaultRegion is null ? "InvalidPhone.International" : "InvalidPhone.Region");
            case SubmissionCodes.TooManyChoices:
                return Get(culture, "TooManyChoices.Max").Replace("{max}", field.MaxChoices.ToString(format), StringComparison.Ordinal);
            case SubmissionCodes.OutOfRange when field.Min is not null || field.Max is not null:
                var kind = field.Kind == FieldKind.Date ? "Date" : "Number";
                var which = (field.Min, field.Max) switch { ({ }, { }) => "Both", ({ }, null) => "Min", _ => "Max" };
                return Get(culture, $"OutOfRange.{kind}.{which}")
                    .Replace("{min}", Bound(field, field.Min, format), StringComparison.Ordinal)
                    .Replace("{max}", Bound(field, field.Max, format), StringComparison.Ordinal);
            default:
                return null;
        }
    }

    /// <summary>A bound as the visitor reads it: <c>12,5</c> and <c>31 janvier 2026</c> in French.</summary>
    private static string Bound(FieldDefinition field, string? bound, System.Globalization.CultureInfo format)
    {
        if (bound is null)
        {
            return string.Empty;
        }

        if (field.Kind == FieldKind.Date && NodaTime.Text.LocalDatePattern.Iso.Parse(bound) is { Success: true } date)
        {
            return NodaTime.Text.LocalDatePattern.Create("d MMMM yyyy", format).Format(date.Value);
        }

        return decimal.TryParse(bound, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n.ToString(format)
            : bound;
    }

    /// <summary>The display name of a culture, in that culture, for the language switch.</summary>
    public static string CultureName(string culture) =>
        culture.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? "Français"
        : culture.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "English"
        : System.Globalization.CultureInfo.GetCultureInfo(culture).NativeName;
}
