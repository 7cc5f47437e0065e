namespace Optin.Forms.Dashboard.Infrastructure;

/// <summary>The back office's sections, in the order of its navigation.</summary>
internal enum DashboardSection
{
    Overview,
    Contacts,
    Entries,
    Import,
    Bulk,
    Jobs,
    Configuration,
    Suppression,
}

/// <summary>Each section's path (under the dashboard's root) and name.</summary>
internal static class DashboardSections
{
    public static readonly (DashboardSection Section, string Path, DashboardText Name)[] All =
    [
        (DashboardSection.Overview, "", new("Overview", "Vue d'ensemble")),
        (DashboardSection.Contacts, "/contacts", new("Contacts", "Contacts")),
        (DashboardSection.Entries, "/entries", new("Entries", "Saisies")),
        (DashboardSection.Import, "/import", new("Import", "Import")),
        (DashboardSection.Bulk, "/bulk", new("Bulk changes", "Modifications en masse")),
        (DashboardSection.Jobs, "/jobs", new("Jobs", "Tâches")),
        (DashboardSection.Configuration, "/configuration", new("Configuration", "Configuration")),
        (DashboardSection.Suppression, "/suppression", new("Suppression list", "Liste d'exclusion")),
    ];
}
