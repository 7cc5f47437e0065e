using Optin.Forms.Consent;
using Optin.Forms.Schema;

namespace Optin.Forms.AspNetCore.Rendering;

/// <summary>The box of the library's own form renderer, archived with each consent given on it (EVD-1).</summary>
internal sealed class ConsentBoxRenderer : IConsentBoxRenderer
{
    public string Render(FormCatalog catalog, FormDefinition form, PurposeDefinition purpose, string culture) =>
        FormRenderer.RenderConsentBox(catalog, form, purpose, culture);
}
