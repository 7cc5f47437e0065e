using Optin.Forms.Dashboard.Infrastructure;

namespace Optin.Forms.Dashboard.Pages.Overview;

/// <summary>The overview's own words, in English and French.</summary>
internal static class OverviewTexts
{
    public static readonly DashboardText Title = new("Overview", "Vue d'ensemble");
    public static readonly DashboardText Period = new("Period", "Période");
    public static readonly DashboardText From = new("From", "Du");
    public static readonly DashboardText To = new("To", "Au");
    public static readonly DashboardText Scope = new("Form or landing page", "Formulaire ou page d'atterrissage");
    public static readonly DashboardText AllForms = new("All forms and pages", "Tous les formulaires et pages");
    public static readonly DashboardText FormsGroup = new("Forms", "Formulaires");
    public static readonly DashboardText PagesGroup = new("Landing pages", "Pages d'atterrissage");
    public static readonly DashboardText Show = new("Show", "Afficher");
    public static readonly DashboardText ZoneNote = new("Days are counted in the time zone {0}.", "Les jours sont comptés dans le fuseau horaire {0}.");
    public static readonly DashboardText Views = new("Views", "Vues");
    public static readonly DashboardText Submissions = new("Submissions", "Envois du formulaire");
    public static readonly DashboardText EmailsSent = new("Double opt-in emails sent", "E-mails de double opt-in envoyés");
    public static readonly DashboardText Confirmations = new("Confirmations", "Confirmations");
    public static readonly DashboardText Withdrawals = new("Withdrawals", "Retraits");
    public static readonly DashboardText Rate = new("Confirmation rate", "Taux de confirmation");
    public static readonly DashboardText Median = new("Median time to confirm", "Délai médian de confirmation");
    public static readonly DashboardText PerForm = new("Per form", "Par formulaire");
    public static readonly DashboardText Form = new("Form", "Formulaire");
    public static readonly DashboardText NoForm = new("No form (e.g. unsubscribe links)", "Sans formulaire (p. ex. liens de désinscription)");
    public static readonly DashboardText PerPage = new("Per landing page", "Par page d'atterrissage");
    public static readonly DashboardText PerVariant = new("Per A/B variant", "Par variante A/B");
    public static readonly DashboardText Variant = new("Variant", "Variante");
    public static readonly DashboardText Weight = new("Weight", "Poids");
    public static readonly DashboardText Page = new("Landing page", "Page d'atterrissage");
    public static readonly DashboardText NoPage = new("No landing page is configured.", "Aucune page d'atterrissage n'est configurée.");
    public static readonly DashboardText PerSource = new("Views per source (utm_source)", "Vues par source (utm_source)");
    public static readonly DashboardText Source = new("Source", "Source");
    public static readonly DashboardText NoSource = new("(none)", "(aucune)");
    public static readonly DashboardText NoViews = new("No view in this period.", "Aucune vue sur cette période.");
    public static readonly DashboardText PerDay = new("Per day", "Par jour");
    public static readonly DashboardText Day = new("Day", "Jour");
    public static readonly DashboardText ChartTitle = new("Figures per day from {0} to {1}", "Chiffres par jour du {0} au {1}");
    public static readonly DashboardText ChartDescription = new(
        "One bar chart per figure (views, submissions, double opt-in emails sent, confirmations, withdrawals), one bar per day; the table below gives the same figures.",
        "Un histogramme par chiffre (vues, envois, e-mails de double opt-in, confirmations, retraits), une barre par jour ; le tableau ci-dessous donne les mêmes chiffres.");
    public static readonly DashboardText Max = new("max. {0}", "max. {0}");
    public static readonly DashboardText PageNote = new(
        "A landing page shows its own views; its submissions and what follows are those of its form (a submission does not record the page it came from).",
        "Une page d'atterrissage montre ses propres vues ; ses envois et la suite sont ceux de son formulaire (un envoi n'enregistre pas la page d'où il vient).");
    public static readonly DashboardText ViewsNote = new(
        "Views are counted without cookies or IP addresses, as daily totals; they are written every minute, so a crash may lose the last minute of views.",
        "Les vues sont comptées sans cookie ni adresse IP, en totaux par jour ; elles sont écrites chaque minute : un arrêt brutal peut perdre la dernière minute de vues.");
    public static readonly DashboardText BadDate = new("The dates must read as year-month-day (for example 2026-12-03).", "Les dates s'écrivent année-mois-jour (par exemple 2026-12-03).");
    public static readonly DashboardText BadOrder = new("The period ends before it starts.", "La période se termine avant de commencer.");
    public static readonly DashboardText TooLong = new("The period is limited to 366 days.", "La période est limitée à 366 jours.");
    public static readonly DashboardText BadScope = new("This form or landing page does not exist.", "Ce formulaire ou cette page d'atterrissage n'existe pas.");
    public static readonly DashboardText Unsupported = new("This store keeps no statistics.", "Ce stockage ne conserve pas de statistiques.");
    public static readonly DashboardText DefaultShown = new("The last 30 days are shown instead.", "Les 30 derniers jours sont affichés à la place.");
}
