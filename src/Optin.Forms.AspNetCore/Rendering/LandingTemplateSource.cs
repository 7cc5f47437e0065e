using Microsoft.Extensions.Configuration;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>Finds landing page templates in <c>OptinForms:Templates</c> (read on each use, so reloads apply).</summary>
internal sealed class LandingTemplateSource(IConfiguration? section)
{
    public string? Find(string templateId, string culture, string defaultCulture)
    {
        if (section is null)
        {
            return null;
        }

        var template = section.GetSection("Templates").GetSection(templateId);
        foreach (var key in new[] { "Html", "Body" })
        {
            foreach (var c in new[] { culture, Parent(culture), defaultCulture, Parent(defaultCulture) })
            {
                if (c is null)
                {
                    continue;
                }

                if (template.GetSection(key)[c] is { Length: > 0 } perCulture)
                {
                    return perCulture;
                }

                if (template.GetSection(c)[key] is { Length: > 0 } cultureFirst)
                {
                    return cultureFirst;
                }
            }

            if (template[key] is { Length: > 0 } single)
            {
                return single;
            }
        }

        return null;
    }

    private static string? Parent(string culture)
    {
        var dash = culture.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? culture[..dash] : null;
    }
}
