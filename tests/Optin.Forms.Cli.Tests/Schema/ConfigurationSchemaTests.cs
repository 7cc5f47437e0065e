using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;

namespace Optin.Forms.Cli.Tests.Schema;

/// <summary>
/// The JSON schema of the <c>OptinForms</c> section: shipped as printed, valid for the samples' settings, and reporting the
/// mistakes the configuration reader reports, at the same place.
/// </summary>
public sealed class ConfigurationSchemaTests
{
    public static TheoryData<string> Samples() => [.. SchemaFiles.SampleSettings().Select(f => Path.GetRelativePath(SchemaFiles.RepositoryRoot, f))];

    [Fact]
    public void SampleSettings_AreFound()
    {
        Assert.Contains(Path.Combine("samples", "LandingPage", "appsettings.json"),
            SchemaFiles.SampleSettings().Select(f => Path.GetRelativePath(SchemaFiles.RepositoryRoot, f)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    [Trait("Requirement", "CFG-1")]
    public void SampleSettings_ValidateAgainstTheSchema(string file)
    {
        var problems = SchemaFiles.Problems(File.ReadAllText(Path.Combine(SchemaFiles.RepositoryRoot, file)));

        Assert.True(problems.Count == 0, $"{file} does not validate against the schema:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void SampleSettings_PointEditorsAtTheShippedSchema()
    {
        var sample = Path.Combine(SchemaFiles.RepositoryRoot, "samples", "LandingPage", "appsettings.json");

        var reference = JsonNode.Parse(File.ReadAllText(sample))!["$schema"]!.GetValue<string>();

        Assert.Equal(SchemaFiles.SchemaPath, Path.GetFullPath(reference, Path.GetDirectoryName(sample)!));
    }

    [Fact]
    public async Task SchemaCommand_PrintsTheShippedSchemaFile()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await OptinCommand.RunAsync(["schema"], stdout, stderr);

        Assert.Equal(OptinCommand.Ok, code);
        Assert.Equal(File.ReadAllText(SchemaFiles.SchemaPath), stdout.ToString());
        Assert.Equal("http://json-schema.org/draft-07/schema#", JsonNode.Parse(stdout.ToString())!["$schema"]!.GetValue<string>());
    }

    [Fact]
    public async Task SchemaCommand_WithOut_WritesTheFile()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("optin-schema-").FullName, "optin-forms.schema.json");
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var code = await OptinCommand.RunAsync(["schema", "--out", path], stdout, stderr);

        Assert.Equal(OptinCommand.Ok, code);
        Assert.Equal(Optin.Forms.Schema.OptinFormsJsonSchema.Text, File.ReadAllText(path));
    }

    [Fact]
    public void OtherSections_AndTheSchemaKeyItself_AreAllowed()
    {
        var problems = SchemaFiles.Problems("""
            {
              "$schema": "./optin-forms.schema.json",
              "Logging": { "LogLevel": { "Default": "Information" } },
              "AllowedHosts": "*",
              "ConnectionStrings": { "Optin": "Data Source=App_Data/optin.db" },
              "Sample": { "Dashboard": { "UserName": "dpo@example.com" } },
              "OptinForms": { "BaseUrl": "https://example.test" }
            }
            """);

        Assert.Empty(problems);
    }

    /// <summary>
    /// Mistakes a site owner makes, each applied to the sample's settings: the schema flags the key in the editor, and the
    /// start-time check reports the same path.
    /// </summary>
    public static TheoryData<string, string, string> Mistakes() => new()
    {
        { "Purpose instead of Purposes", "/OptinForms", """{ "rename": ["Purposes", "Purpose"] }""" },
        { "a field Kind that does not exist", "/OptinForms/Forms/newsletter/Fields/0", """{ "set": ["Kind", "Emial"] }""" },
        { "a duration in words", "/OptinForms/DoubleOptin", """{ "set": ["TokenLifetime", "7 days"] }""" },
        { "a consent box checked in advance", "/OptinForms/Forms/newsletter/Consents", """{ "set": ["0", { "Purpose": "newsletter", "Checked": true }] }""" },
        { "an action argument misspelt", "/OptinForms/Rules/3/Then/0/Args", """{ "rename": ["Template", "Templat"] }""" },
        { "an action misspelt", "/OptinForms/Rules/2/Then/0", """{ "set": ["Action", "SendMail"] }""" },
        { "a condition misspelt", "/OptinForms/Rules/0/If", """{ "rename": ["ConsentGiven", "ConsentGive"] }""" },
        { "an event misspelt", "/OptinForms/Rules/2", """{ "set": ["When", "OptinConfirm"] }""" },
        { "an opt-in state that does not exist", "/OptinForms/Rules/0/If", """{ "set": ["OptinState", { "newsletter": "Confirmed" }] }""" },
        { "a template part misspelt", "/OptinForms/Templates/salon", """{ "rename": ["Html", "Htlm"] }""" },
        { "a mail sender that does not exist", "/OptinForms/Mail", """{ "set": ["Sender", "Sendgrid"] }""" },
        { "an SMTP key misspelt", "/OptinForms/Mail/Smtp", """{ "rename": ["Host", "Hostname"] }""" },
    };

    [Theory]
    [MemberData(nameof(Mistakes))]
    [Trait("Requirement", "CFG-1")]
    public void Mistake_IsReportedByTheSchema_AndByTheStartTimeCheck_AtTheSamePath(string mistake, string at, string change)
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaFiles.RepositoryRoot, "samples", "LandingPage", "appsettings.json")))!;
        var target = Navigate(settings, at);
        var instruction = JsonNode.Parse(change)!.AsObject().Single();
        var (key, value) = (instruction.Value![0]!.GetValue<string>(), instruction.Value[1]!.DeepClone());
        string changed;
        if (instruction.Key == "rename")
        {
            var kept = target[key]!.DeepClone();
            target.AsObject().Remove(key);
            changed = value.GetValue<string>();
            target[changed] = kept;
        }
        else
        {
            changed = key;
            if (target is JsonArray array)
            {
                array[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
            }
            else
            {
                target[key] = value;
            }
        }

        var json = settings.ToJsonString();
        var pointer = $"{at}/{changed}";
        var schemaProblems = SchemaFiles.Problems(json);
        var configurationPath = pointer.TrimStart('/').Replace('/', ':');
        // A named rule's problems read Rules[name] (position N); the position is the configuration path's index.
        var startProblems = StartTimeProblems(json)
            .Select(p => System.Text.RegularExpressions.Regex.Replace(p, @"Rules\[[^\]]*\] \(position (\d+)\)", "Rules:$1")).ToList();

        Assert.True(schemaProblems.Any(p => p.StartsWith(pointer, StringComparison.Ordinal)),
            $"{mistake}: the schema reports nothing at {pointer}:\n" + string.Join("\n", schemaProblems));
        Assert.True(startProblems.Any(p => p.StartsWith(configurationPath, StringComparison.Ordinal) || p.Contains($"{configurationPath}:", StringComparison.Ordinal)),
            $"{mistake}: the start-time check reports nothing at {configurationPath}:\n" + string.Join("\n", startProblems));
    }

    [Fact]
    public void Mistakes_OnTheUntouchedSample_NothingIsReported()
    {
        var json = File.ReadAllText(Path.Combine(SchemaFiles.RepositoryRoot, "samples", "LandingPage", "appsettings.json"));

        Assert.Empty(SchemaFiles.Problems(json));
        Assert.Empty(StartTimeProblems(json));
    }

    private static JsonNode Navigate(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonArray array ? array[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)]! : node[part]!;
        }

        return node;
    }

    /// <summary>What the host's start-time check (and <c>optin check</c>) says about these settings, SMTP included.</summary>
    internal static IReadOnlyList<string> StartTimeProblems(string json)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
        return ConfigurationAgreement.Problems(configuration.GetSection(OptinFormsOptions.SectionName));
    }
}
