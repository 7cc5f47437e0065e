using System.Collections.Frozen;
using System.Globalization;
using NodaTime;

namespace Optin.Forms.Schema;

/// <summary>
/// The fixed wording of the Art. 13 notice and of the record of processing, in French and English; other cultures
/// fall back to English.
/// </summary>
internal static class DataProtectionWords
{
    private static readonly FrozenDictionary<string, string> French = new Dictionary<string, string>
    {
        ["NoticeHeading"] = "Utilisation de vos données",
        ["controller"] = "Responsable du traitement",
        ["contact"] = "Contact",
        ["dpo"] = "Délégué à la protection des données",
        ["purpose"] = "Finalité",
        ["legalBasis"] = "Base légale",
        ["recipients"] = "Destinataires",
        ["retention"] = "Durée de conservation",
        ["rights"] = "Vos droits",
        ["complaint"] = "Réclamation",
        ["PrivacyNotice"] = "Politique de confidentialité",
        ["NoRecipients"] = "Le personnel habilité du responsable du traitement uniquement.",
        ["RetentionFromSubmission"] = "{0} à compter de l'envoi du formulaire.",
        ["RightsIntro"] = "Vous pouvez accéder à vos données, les faire rectifier ou effacer, demander la limitation de leur traitement",
        ["RightsObject"] = ", vous opposer à leur traitement",
        ["RightsPortability"] = ", en demander la portabilité",
        ["RightsContact"] = ", en écrivant à : {0}.",
        ["RightsEnd"] = ".",
        ["Complaint"] = "Vous pouvez introduire une réclamation auprès de l'autorité de contrôle : {0}.",
        ["Basis.Consent"] = "Votre consentement (RGPD, art. 6.1.a).",
        ["Basis.Contract"] = "L'exécution d'un contrat ou de mesures précontractuelles prises à votre demande (RGPD, art. 6.1.b).",
        ["Basis.LegitimateInterest"] = "L'intérêt légitime du responsable du traitement (RGPD, art. 6.1.f) : {0}",
        ["Basis.LegalObligation"] = "Le respect d'une obligation légale (RGPD, art. 6.1.c).",
        ["Record.Consent"] = "Consentement de la personne concernée (RGPD, art. 6.1.a)",
        ["Record.Contract"] = "Exécution d'un contrat ou de mesures précontractuelles prises à la demande de la personne (RGPD, art. 6.1.b)",
        ["Record.LegitimateInterest"] = "Intérêt légitime (RGPD, art. 6.1.f) : {0}",
        ["Record.LegalObligation"] = "Respect d'une obligation légale (RGPD, art. 6.1.c)",
        ["year"] = "an", ["years"] = "ans", ["month"] = "mois", ["months"] = "mois",
        ["day"] = "jour", ["days"] = "jours", ["hour"] = "heure", ["hours"] = "heures",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, string> English = new Dictionary<string, string>
    {
        ["NoticeHeading"] = "How your data is used",
        ["controller"] = "Data controller",
        ["contact"] = "Contact",
        ["dpo"] = "Data protection officer",
        ["purpose"] = "Purpose",
        ["legalBasis"] = "Legal basis",
        ["recipients"] = "Recipients",
        ["retention"] = "Retention",
        ["rights"] = "Your rights",
        ["complaint"] = "Complaint",
        ["PrivacyNotice"] = "Privacy notice",
        ["NoRecipients"] = "The controller's authorised staff only.",
        ["RetentionFromSubmission"] = "{0} from when you send the form.",
        ["RightsIntro"] = "You may access your data, have it corrected or erased, ask for its processing to be restricted",
        ["RightsObject"] = ", object to its processing",
        ["RightsPortability"] = ", ask for it in a portable format",
        ["RightsContact"] = ", by writing to: {0}.",
        ["RightsEnd"] = ".",
        ["Complaint"] = "You may lodge a complaint with the supervisory authority: {0}.",
        ["Basis.Consent"] = "Your consent (GDPR Art. 6(1)(a)).",
        ["Basis.Contract"] = "The performance of a contract, or steps taken at your request before entering into one (GDPR Art. 6(1)(b)).",
        ["Basis.LegitimateInterest"] = "The controller's legitimate interest (GDPR Art. 6(1)(f)): {0}",
        ["Basis.LegalObligation"] = "Compliance with a legal obligation (GDPR Art. 6(1)(c)).",
        ["Record.Consent"] = "Consent of the data subject (GDPR Art. 6(1)(a))",
        ["Record.Contract"] = "Performance of a contract, or steps taken at the person's request before entering into one (GDPR Art. 6(1)(b))",
        ["Record.LegitimateInterest"] = "Legitimate interest (GDPR Art. 6(1)(f)): {0}",
        ["Record.LegalObligation"] = "Compliance with a legal obligation (GDPR Art. 6(1)(c))",
        ["year"] = "year", ["years"] = "years", ["month"] = "month", ["months"] = "months",
        ["day"] = "day", ["days"] = "days", ["hour"] = "hour", ["hours"] = "hours",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The culture whose words are used for <paramref name="culture"/>: <c>fr</c> or <c>en</c>.</summary>
    public static string WordsCulture(string? culture) =>
        culture is not null && (culture.Equals("fr", StringComparison.OrdinalIgnoreCase) || culture.StartsWith("fr-", StringComparison.OrdinalIgnoreCase))
            ? "fr"
            : "en";

    public static string Get(string? culture, string key)
    {
        var texts = WordsCulture(culture) == "fr" ? French : English;
        return texts.TryGetValue(key, out var text) ? text : English.GetValueOrDefault(key, key);
    }

    public static string Format(string? culture, string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(culture, key), args);

    /// <summary>The legal basis in words, addressed to the person (<paramref name="record"/> false) or for the record.</summary>
    public static string LegalBasis(string? culture, LegalBasis basis, string? interest, bool record) =>
        Format(culture, (record ? "Record." : "Basis.") + basis, interest ?? string.Empty).TrimEnd();

    /// <summary>A duration in words: whole years, months (of 30 days), days or hours.</summary>
    public static string Duration(string? culture, Duration duration)
    {
        var days = duration.TotalDays;
        var years = Math.Round(days / 365.25);
        if (years >= 1 && Math.Abs(days - (years * 365.25)) <= 1.5)
        {
            return Count(culture, years, "year");
        }

        if (days >= 30 && days % 30 == 0)
        {
            return Count(culture, days / 30, "month");
        }

        return days >= 1 && days % 1 == 0 ? Count(culture, days, "day") : Count(culture, Math.Ceiling(duration.TotalHours), "hour");
    }

    private static string Count(string? culture, double count, string unit) =>
        count.ToString("0", CultureInfo.InvariantCulture) + " " + Get(culture, count == 1 ? unit : unit + "s");
}
