namespace Optin.Forms.Templates;

/// <summary>What a template is used for, which decides the variables it can read (AUTH-1).</summary>
internal enum TemplateKind
{
    /// <summary>The confirmation email sent by <c>SendDoubleOptinEmail</c>: neutral, nothing the visitor typed (DOI-6).</summary>
    DoubleOptin,

    /// <summary>An email to the contact sent by <c>SendEmail</c> without <c>To</c>: marketing mail, or any other mail to the person.</summary>
    Marketing,

    /// <summary>An email to a fixed address sent by <c>SendEmail</c> with <c>To</c>, for example the site owner's notification.</summary>
    Notification,

    /// <summary>The body of a landing page (<c>OptinForms:LandingPages:{slug}:Template</c>), HTML only.</summary>
    LandingPage,
}
