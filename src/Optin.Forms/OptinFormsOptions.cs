using Optin.Forms.DoubleOptin;
using Optin.Forms.Mail;
using Optin.Forms.Retention;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms;

/// <summary>
/// The whole Optin.Forms configuration, bound from the <c>OptinForms</c> section or filled by the fluent C# API.
/// </summary>
/// <remarks>
/// This is the mutable, declarative shape. At start it is validated (every problem listed with its path) and
/// compiled into an immutable <see cref="FormCatalog"/>, which is what the engine reads at run time.
/// </remarks>
public sealed class OptinFormsOptions
{
    /// <summary>The configuration section name: <c>OptinForms</c>.</summary>
    public const string SectionName = "OptinForms";

    /// <summary>The default <see cref="PathPrefix"/>: <c>/optin</c>.</summary>
    public const string DefaultPathPrefix = "/optin";

    /// <summary>Absolute base URL for links in emails (SEC-7: never taken from a request's Host header).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The path under <see cref="BaseUrl"/> where the engine's pages live (<c>OptinForms:PathPrefix</c>), default
    /// <c>/optin</c>: every confirmation and unsubscribe link the engine writes starts with it.
    /// </summary>
    public string PathPrefix { get; set; } = DefaultPathPrefix;

    /// <summary>The culture used when a submission names none, or names one that a text lacks. Default <c>en</c>.</summary>
    public string DefaultCulture { get; set; } = "en";

    /// <summary>Who controls the processing, where the privacy notice is, and how much of the IP address is kept.</summary>
    public DataProtectionOptions DataProtection { get; set; } = new();

    /// <summary>Consent purposes by id (<c>OptinForms:Purposes:{purposeId}</c>).</summary>
    public Dictionary<string, PurposeOptions> Purposes { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Forms by id (<c>OptinForms:Forms:{formId}</c>).</summary>
    public Dictionary<string, FormOptions> Forms { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Landing pages by slug (<c>OptinForms:LandingPages:{slug}</c>).</summary>
    public Dictionary<string, LandingPageOptions> LandingPages { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Rules (<c>OptinForms:Rules</c>, and <c>AddRules</c> in C#), in order.</summary>
    public List<RuleOptions> Rules { get; set; } = [];

    /// <summary>Email templates by id (<c>OptinForms:Templates:{templateId}</c>); embedded defaults fill the gaps.</summary>
    public Dictionary<string, EmailTemplateOptions> Templates { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The folder that template files are read from; nothing outside it is read (CFG-2). Default <c>Templates</c>.</summary>
    public string TemplateRoot { get; set; } = "Templates";

    /// <summary>Double opt-in settings (<c>OptinForms:DoubleOptin</c>).</summary>
    public DoubleOptinOptions DoubleOptin { get; set; } = new();

    /// <summary>Mail settings (<c>OptinForms:Mail</c>).</summary>
    public MailOptions Mail { get; set; } = new();

    /// <summary>The retention sweep (<c>OptinForms:Retention</c>, RET-1, RET-2).</summary>
    public RetentionOptions Retention { get; set; } = new();

    /// <summary>
    /// Problems found while reading configuration (unknown keys, wrong types); reported with every other
    /// problem by the start-time validation.
    /// </summary>
    internal List<ConfigurationProblem> ReadProblems { get; } = [];
}
