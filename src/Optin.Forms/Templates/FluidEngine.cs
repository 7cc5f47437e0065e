using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using NodaTime;

namespace Optin.Forms.Templates;

/// <summary>
/// The one Fluid parser and the shared template options: an allow-list of model members, step and recursion limits
/// (SEC-4), and an HTML encoder that keeps French accents readable.
/// </summary>
internal static class FluidEngine
{
    public const int MaxSteps = 20_000;
    public const int MaxRecursion = 8;
    public const int MaxOutputChars = 256 * 1024;

    public static FluidParser Parser { get; } = new(new FluidParserOptions { AllowFunctions = false });

    /// <summary>Encodes HTML-significant characters only; é, à, « » stay as they are.</summary>
    public static HtmlEncoder Html { get; } = HtmlEncoder.Create(UnicodeRanges.All);

    /// <summary>The options of an email render; <c>{% include %}</c> reads from <paramref name="files"/> only (none without it).</summary>
    public static TemplateOptions CreateOptions(IClock clock, TemplateRootFileProvider? files = null)
    {
        var options = new TemplateOptions
        {
            MaxSteps = MaxSteps,
            MaxRecursion = MaxRecursion,
            Now = () => clock.GetCurrentInstant().ToDateTimeOffset(),
            TimeZone = TimeZoneInfo.Utc,
        };
        if (files is not null)
        {
            options.FileProvider = files;
        }

        options.MemberAccessStrategy.Register<EmailModel>([.. EmailModel.Members]);
        options.MemberAccessStrategy.Register<EmailPurpose>([.. EmailPurpose.Members]);
        return options;
    }
}
