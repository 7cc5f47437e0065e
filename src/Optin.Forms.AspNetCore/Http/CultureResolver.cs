using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Http;

/// <summary>
/// Picks the culture a page is shown in: the <c>culture</c> query value, else the best <c>Accept-Language</c> match,
/// else the default; always one of the configured cultures (those the purposes and titles are written in).
/// </summary>
internal static class CultureResolver
{
    public const string QueryKey = "culture";

    /// <summary>Each catalog's cultures, computed once: a catalog is immutable (a reload makes a new one).</summary>
    private static readonly ConditionalWeakTable<FormCatalog, ImmutableSortedSet<string>> SupportedByCatalog = new();

    public static string Resolve(HttpContext context, FormCatalog catalog, string? explicitCulture = null)
    {
        var supported = Supported(catalog);
        if (Match(explicitCulture ?? context.Request.Query[QueryKey].ToString(), supported) is { } fromQuery)
        {
            return fromQuery;
        }

        var accepted = context.Request.GetTypedHeaders().AcceptLanguage;
        foreach (var language in accepted.OrderByDescending(l => l.Quality ?? 1))
        {
            if (language.Quality is 0)
            {
                continue;
            }

            if (Match(language.Value.Value, supported) is { } match)
            {
                return match;
            }
        }

        return catalog.DefaultCulture;
    }

    /// <summary>The default culture and every culture a purpose text or a form title is written in.</summary>
    public static ImmutableSortedSet<string> Supported(FormCatalog catalog) => SupportedByCatalog.GetValue(catalog, Compute);

    private static ImmutableSortedSet<string> Compute(FormCatalog catalog)
    {
        var cultures = ImmutableSortedSet.CreateBuilder<string>(StringComparer.OrdinalIgnoreCase);
        cultures.Add(catalog.DefaultCulture);
        foreach (var purpose in catalog.Purposes.Values)
        {
            cultures.UnionWith(purpose.Texts.Keys);
        }

        foreach (var form in catalog.Forms.Values)
        {
            cultures.UnionWith(form.Title.Cultures.Where(c => c != LocalizedText.AnyCulture));
        }

        return cultures.ToImmutable();
    }

    private static string? Match(string? requested, ImmutableSortedSet<string> supported)
    {
        if (string.IsNullOrWhiteSpace(requested) || requested.Length > 20)
        {
            return null;
        }

        if (supported.TryGetValue(requested, out var exact))
        {
            return exact;
        }

        var dash = requested.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && supported.TryGetValue(requested[..dash], out var parent) ? parent : null;
    }
}
