namespace Optin.Forms.Schema;

/// <summary>
/// A value compiled from the accepted configuration (rules, email templates), rebuilt when the catalog provider accepts
/// a reload, so that it never disagrees with the forms and purposes in force (CFG-4).
/// </summary>
/// <remarks>
/// A reload reaches the catalog only after every options validator accepted it, so compiling here does not fail; if it
/// ever does, the previous value stays in force, as the previous catalog would.
/// </remarks>
internal sealed class CatalogBound<T>(IFormCatalogProvider catalogs, Func<OptinFormsOptions, T> compile, Func<OptinFormsOptions> fallback)
    where T : class
{
    private Entry? _entry;

    public T Value
    {
        get
        {
            var catalog = catalogs.Current;
            var entry = Volatile.Read(ref _entry);
            if (entry is not null && ReferenceEquals(entry.Catalog, catalog))
            {
                return entry.Value;
            }

            T value;
            try
            {
                value = compile(catalog.Source ?? fallback());
            }
            catch (OptinConfigurationException) when (entry is not null)
            {
                return entry.Value;
            }

            Volatile.Write(ref _entry, new Entry(catalog, value));
            return value;
        }
    }

    private sealed record Entry(FormCatalog Catalog, T Value);
}
