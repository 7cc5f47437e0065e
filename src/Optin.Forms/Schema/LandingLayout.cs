namespace Optin.Forms.Schema;

/// <summary>How a landing page's template is laid out (<c>OptinForms:LandingPages:{slug}:Layout</c>).</summary>
public enum LandingLayout
{
    /// <summary>The template is the page's body, inside the default layout (head, stylesheet, title, language switch).</summary>
    Default,

    /// <summary>
    /// The template is the whole page, from <c>&lt;!DOCTYPE html&gt;</c> to <c>&lt;/html&gt;</c>. It must show
    /// <c>{{ form }}</c> and, in its head, <c>{{ assets }}</c> (the form's stylesheet and scripts): a page without them
    /// is refused at start. The security headers are sent all the same, so the page loads nothing from elsewhere.
    /// </summary>
    None,
}
