using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms.Consent;
using Optin.Forms.Schema;

namespace Optin.Forms.Cli;

/// <summary>
/// The <c>optin</c> command: <c>check</c>, <c>schema</c>, <c>ropa</c>, <c>preview</c>, <c>import</c>, <c>retention</c>, <c>export</c>, <c>erase</c>,
/// <c>archive</c>, <c>verify</c> and <c>checkpoint</c>.
/// </summary>
internal static class OptinCommand
{
    public const int Ok = 0;
    public const int Invalid = 1;
    public const int Usage = 2;
    public const int Failed = 3;

    private const string Help = """
        Usage:
          optin check <appsettings.json> [more.json ...]   validate the OptinForms section; every problem with its path
          optin schema [--out optin-forms.schema.json]   print the JSON schema of appsettings.json with an OptinForms
                                                       section, for editors ("$schema" in the file, or json.schemas)
          optin ropa  <appsettings.json> [--format md|json] [--culture fr|en]
                                                       print the record of processing (GDPR Art. 30), in the
                                                       configured DefaultCulture unless --culture says otherwise
          optin preview <templateId> --settings <appsettings.json> [--culture fr] [--out file.eml]
                                                       render an email template with sample values (docs/templates.md)
                                                       and write it as an .eml; prints the file's path
          optin import <file.csv> --settings <appsettings.json> --source <name> --actor <who>
                       [--form <formId>] [--kind Lead|Contact|Account] [--request-double-optin <purposeId>]
                       [--culture <culture>] [--dry-run] [--migrate]
                                                       import contacts (never opted in) into the configured store
          optin retention --settings <appsettings.json> [--dry-run] [--migrate]
                                                       erase prospects past their retention (RET-1, RET-2)
          optin export <contactId> --settings <appsettings.json> [--portable | --evidence json|html | --access]
                       [--culture fr|en] [--out file] [--connection cs]
                                                   everything held on the person (DSR-1), what they provided,
                                                   the evidence chain (DOI-10), or the Art. 15 answer as HTML (DSR-6)
          optin erase  <contactId> --settings <appsettings.json> --actor <who> --reason <code> [--reference <ticket>]
                       [--connection cs]           erase the person (DSR-2) and print the report, with the
                                                   recipients to inform (Art. 19); <code>:
                                                   data-subject-request, consent-withdrawn, objection, retention,
                                                   unconfirmed, not-me, other; <ticket>: letters, digits, -_./:#
                                                   (64 at most). export of an erased contact prints its tombstone
          optin archive <contactId> --settings <appsettings.json> [--out file] [--connection cs]
                                                   the archived consent proof of an erased prospect (RET-4)
          optin verify --settings <appsettings.json> [--contact <contactId>] [--checkpoint file.json] [--connection cs]
                                                   recompute the ledger's hash chains (LEDG-1) and name the first
                                                   broken entry; with a checkpoint, prove nothing before it changed
          optin checkpoint --settings <appsettings.json> [--out file.json] [--connection cs]
                                                   write every chain head and their digest, to keep off the database

        The store is OptinForms:Storage:Provider (Sqlite by default, or PostgreSql) at ConnectionStrings:Optin; a
        relative SQLite file is found beside the first settings file. --migrate applies the store's migrations first.

        Later files override earlier ones, and environment variables (OptinForms__Mail__Smtp__Password) override the
        files, as in ASP.NET Core (appsettings.json, appsettings.Production.json, then the environment): keep secrets
        there, and check warns about every secret it finds in a file.
        Exit codes: 0 done, 1 invalid configuration, 2 usage or unreadable file, 3 refused import, store failure or no such contact,
        4 the ledger's hash chain is broken (verify).
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args.Length > 0 && args[0] is "export" or "erase" or "archive")
        {
            return await RightsCommand.RunAsync(args, stdout, stderr);
        }

        if (args.Length >= 1 && args[0] is "verify" or "checkpoint")
        {
            return await LedgerCommand.RunAsync(args, stdout, stderr);
        }

        if (args.Length >= 1 && args[0] is "preview")
        {
            return await PreviewCommand.RunAsync(args, stdout, stderr);
        }

        if (args.Length >= 1 && args[0] == "schema")
        {
            return await SchemaAsync(args, stdout, stderr);
        }

        if (args.Length >= 1 && args[0] is "import" or "retention")
        {
            return await StoreCommand.RunAsync(args, stdout, stderr, Help);
        }

        if (args.Length < 2 || args[0] is not ("check" or "ropa"))
        {
            await stderr.WriteLineAsync(Help);
            return args.Length == 1 && args[0] is "-h" or "--help" ? Ok : Usage;
        }

        var format = "md";
        string? culture = null;
        var files = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--format" && i + 1 < args.Length && args[0] == "ropa")
            {
                format = args[++i];
            }
            else if (args[i] == "--culture" && i + 1 < args.Length && args[0] == "ropa")
            {
                culture = args[++i];
            }
            else
            {
                files.Add(args[i]);
            }
        }

        if (format is not ("md" or "json") || files.Count == 0)
        {
            await stderr.WriteLineAsync(Help);
            return Usage;
        }

        if (await LoadAsync(files, stderr) is not { } configuration)
        {
            return Usage;
        }

        var (catalog, failures) = Validate(configuration.GetSection(OptinFormsOptions.SectionName));
        if (catalog is null)
        {
            await stdout.WriteLineAsync($"{failures.Count} problem{(failures.Count == 1 ? "" : "s")}:");
            foreach (var failure in failures)
            {
                await stdout.WriteLineAsync("  " + failure);
            }

            return Invalid;
        }

        if (args[0] == "check")
        {
            await stdout.WriteLineAsync($"OK: {catalog.Forms.Count} form(s), {catalog.Purposes.Count} purpose(s), {catalog.LandingPages.Count} landing page(s).");
            var section = configuration.GetSection(OptinFormsOptions.SectionName);
            foreach (var warning in SecretWarnings.For(configuration, section).Concat(HashKeyWarnings(section)))
            {
                await stdout.WriteLineAsync("warning: " + warning);
            }

            return Ok;
        }

        var record = RecordOfProcessing.Generate(catalog, SystemClock.Instance.GetCurrentInstant(), culture);
        await stdout.WriteAsync(format == "json" ? record.ToJson() + Environment.NewLine : record.ToMarkdown());
        return Ok;
    }

    /// <summary>Prints the JSON schema of the settings, or writes it to the file after <c>--out</c>.</summary>
    private static async Task<int> SchemaAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 1)
        {
            await stdout.WriteAsync(OptinFormsJsonSchema.Text);
            return Ok;
        }

        if (args.Length != 3 || args[1] != "--out")
        {
            await stderr.WriteLineAsync(Help);
            return Usage;
        }

        try
        {
            await File.WriteAllTextAsync(args[2], OptinFormsJsonSchema.Text);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"optin: cannot write {args[2]}: {ex.Message}");
            return Usage;
        }

        await stdout.WriteLineAsync($"Wrote {args[2]}.");
        return Ok;
    }

    /// <summary>Reads the settings files in order (later ones override earlier ones); null after printing why not.</summary>
    internal static async Task<IConfigurationRoot?> LoadAsync(IReadOnlyList<string> files, TextWriter stderr)
    {
        foreach (var file in files.Where(f => !File.Exists(f)))
        {
            await stderr.WriteLineAsync($"optin: no such file: {file}");
            return null;
        }

        try
        {
            var builder = new ConfigurationBuilder();
            foreach (var file in files)
            {
                builder.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            }

            // As a host does: the secrets that stay out of the files (CFG-6) are checked with the rest.
            builder.AddEnvironmentVariables();

            return builder.Build();
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException)
        {
            await stderr.WriteLineAsync($"optin: cannot read the configuration: {ex.Message}");
            return null;
        }
    }

    /// <summary>Runs every validator the engine runs at start, exactly as a host would.</summary>
    internal static (FormCatalog? Catalog, IReadOnlyList<string> Failures) Validate(IConfigurationSection section)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddOptinForms(section);
        using var provider = services.BuildServiceProvider();
        try
        {
            var options = provider.GetRequiredService<IOptionsFactory<OptinFormsOptions>>().Create(Options.DefaultName);
            return (FormCatalogCompiler.Compile(options), []);
        }
        catch (OptionsValidationException ex)
        {
            return (null, [.. ex.Failures]);
        }
    }

    // Erasure (DSR-5): the suppression key.

    /// <summary>The shortest configured <c>DoubleOptin:HashKey</c> not warned about (256 bits as base64 is 44 characters).</summary>
    internal const int MinHashKeyLength = 32;

    /// <summary>
    /// Warnings about the length of the suppression key (RET-3, CFG-6). Unset is fine: a random key is then generated and kept in the
    /// store, and nothing public derives it. A configured key is a secret: in a settings file checked here it is likely
    /// committed with the site, and a short one can be guessed, which turns every suppression hash back into an address.
    /// </summary>
    internal static IEnumerable<string> HashKeyWarnings(IConfigurationSection section)
    {
        const string Path = "OptinForms:DoubleOptin:HashKey";
        if (section.GetSection("DoubleOptin")["HashKey"] is not { Length: > 0 } key)
        {
            yield break;
        }

        // That it is in a settings file at all is said by SecretWarnings, as for every secret.
        if (key.Trim().Length < MinHashKeyLength)
        {
            yield return $"{Path}: the key has {key.Trim().Length} characters; use at least {MinHashKeyLength} random ones "
                + "(for example 32 random bytes in base64): a short key lets anyone who reads the suppression list test addresses against it.";
        }
    }
}
