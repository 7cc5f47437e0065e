using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Schema;
using Optin.Forms.Templates;

namespace Optin.Forms.Cli;

/// <summary>
/// <c>optin preview &lt;templateId&gt; --culture fr --settings appsettings.json [--out file.eml]</c>: renders an email
/// template with the sample values of the variable reference and writes the message as it would be sent.
/// </summary>
internal static class PreviewCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? id = null;
        string? culture = null;
        string? output = null;
        var settings = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--culture" when value is not null: culture = value; i++; break;
                case "--settings" when value is not null: settings.Add(value); i++; break;
                case "--out" when value is not null: output = value; i++; break;
                case var a when id is null && !a.StartsWith("--", StringComparison.Ordinal): id = a; break;
                default:
                    await stderr.WriteLineAsync($"optin preview: unexpected argument '{args[i]}'");
                    return OptinCommand.Usage;
            }
        }

        if (id is null || settings.Count == 0)
        {
            await stderr.WriteLineAsync("optin preview: expected a template id and --settings <appsettings.json>, e.g. "
                + "optin preview welcome --culture fr --settings appsettings.json [--out welcome.fr.eml]");
            return OptinCommand.Usage;
        }

        if (await OptinCommand.LoadAsync(settings, stderr) is not { } configuration)
        {
            return OptinCommand.Usage;
        }

        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(configuration.GetSection(OptinFormsOptions.SectionName));
        await using var provider = services.BuildServiceProvider();
        OptinFormsOptions options;
        try
        {
            options = provider.GetRequiredService<IOptionsFactory<OptinFormsOptions>>().Create(Options.DefaultName);
        }
        catch (OptionsValidationException ex)
        {
            await stdout.WriteLineAsync($"{ex.Failures.Count()} problem{(ex.Failures.Count() == 1 ? "" : "s")} (optin check lists the same):");
            foreach (var failure in ex.Failures)
            {
                await stdout.WriteLineAsync("  " + failure);
            }

            return OptinCommand.Invalid;
        }

        culture ??= options.DefaultCulture;
        if (!IsCulture(culture))
        {
            await stderr.WriteLineAsync($"optin preview: '{culture}' is not a culture name; write one such as fr, en or fr-CA");
            return OptinCommand.Usage;
        }

        var (message, error) = await EmailPreview.CreateAsync(options, FormCatalogCompiler.Compile(options), id, culture, SystemClock.Instance);
        if (message is null)
        {
            await stderr.WriteLineAsync("optin preview: " + error);
            return OptinCommand.Usage;
        }

        var path = Path.GetFullPath(output ?? $"{id}.{culture}.eml");
        await message.WriteToAsync(path);
        await stdout.WriteLineAsync(path);
        return OptinCommand.Ok;
    }

    private static bool IsCulture(string name)
    {
        try
        {
            return name.Length > 0 && !CultureInfo.GetCultureInfo(name, predefinedOnly: true).Equals(CultureInfo.InvariantCulture);
        }
        catch (CultureNotFoundException)
        {
            return false;
        }
    }
}
