using Microsoft.Extensions.Configuration;
using Optin.Forms.Schema;

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
            foreach (var c in CultureFallback.Candidates(culture, defaultCulture))
            {
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
}
