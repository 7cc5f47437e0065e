using System.Text.Json.Nodes;
using Json.Schema;

namespace Optin.Forms.Cli.Tests.Schema;

/// <summary>The shipped schema, the repository's files, and JSON Schema evaluation with readable failures.</summary>
internal static class SchemaFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string SchemaPath => Path.Combine(RepositoryRoot, "src", "Optin.Forms", "Schema", Optin.Forms.Schema.OptinFormsJsonSchema.FileName);

    /// <summary>The schema as the package embeds it (what <c>optin schema</c> prints).</summary>
    public static JsonObject Document { get; } = JsonNode.Parse(Optin.Forms.Schema.OptinFormsJsonSchema.Text)!.AsObject();

    public static JsonSchema Schema { get; } = JsonSchema.FromText(Optin.Forms.Schema.OptinFormsJsonSchema.Text);

    public static JsonObject Definitions => Document["definitions"]!.AsObject();

    /// <summary>Every <c>appsettings*.json</c> of every sample.</summary>
    public static IEnumerable<string> SampleSettings() =>
        Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "samples"), "appsettings*.json", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

    /// <summary>
    /// The instance locations (JSON pointers such as <c>/OptinForms/Purpose</c>) where the schema finds a problem, each with
    /// its messages; empty when the document is valid.
    /// </summary>
    public static IReadOnlyList<string> Problems(string json)
    {
        var result = Schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        // The list holds every subschema that failed, also the branches of an anyOf that another branch passed and the "if"
        // of an if/then: those are not problems.
        var details = result.Details ?? [];
        var valid = details.Where(d => d.IsValid).Select(d => (d.EvaluationPath.ToString(), d.InstanceLocation.ToString())).ToHashSet();
        return [.. details
            .Where(d => !d.IsValid && d.Errors is { Count: > 0 })
            .Where(d => !IsNoise(d.EvaluationPath.ToString(), d.InstanceLocation.ToString(), valid))
            .Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)} ({d.EvaluationPath})")
            .Distinct()];
    }

    private static bool IsNoise(string evaluationPath, string instance, HashSet<(string, string)> valid)
    {
        if (evaluationPath.Contains("/if", StringComparison.Ordinal))
        {
            return true;
        }

        for (var at = evaluationPath.IndexOf("/anyOf/", StringComparison.Ordinal); at >= 0; at = evaluationPath.IndexOf("/anyOf/", at + 1, StringComparison.Ordinal))
        {
            if (valid.Contains((evaluationPath[..at], instance)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Follows <c>$ref</c> and single-branch <c>allOf</c> wrappers to the schema that holds the constraints.</summary>
    public static JsonObject Resolve(JsonNode node)
    {
        var current = node.AsObject();
        for (var i = 0; i < 10; i++)
        {
            if (current["$ref"] is { } reference)
            {
                current = Definitions[reference.GetValue<string>()["#/definitions/".Length..]]!.AsObject();
            }
            else if (current["allOf"] is JsonArray { Count: 1 } all && current["properties"] is null)
            {
                current = all[0]!.AsObject();
            }
            else
            {
                return current;
            }
        }

        throw new InvalidOperationException("$ref chain too long");
    }

    /// <summary>The object schema of a node, taking the object branch of an <c>anyOf</c> (a value or an object).</summary>
    public static JsonObject? ObjectSchema(JsonNode node)
    {
        var resolved = Resolve(node);
        if (resolved["properties"] is not null || resolved["additionalProperties"] is JsonObject)
        {
            return resolved;
        }

        return resolved["anyOf"] is JsonArray any
            ? any.Select(b => ObjectSchema(b!)).FirstOrDefault(o => o is not null && o["properties"] is not null)
            : null;
    }

    public static string? RefName(JsonNode node)
    {
        var current = node.AsObject();
        while (true)
        {
            if (current["$ref"] is { } reference)
            {
                return reference.GetValue<string>()["#/definitions/".Length..];
            }

            if (current["allOf"] is JsonArray { Count: 1 } all)
            {
                current = all[0]!.AsObject();
                continue;
            }

            return null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Optin.Forms.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Optin.Forms.sln) was not found above the test's folder.");
    }
}
