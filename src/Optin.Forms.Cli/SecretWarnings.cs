using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Optin.Forms.Schema;

namespace Optin.Forms.Cli;

/// <summary>
/// Warns about secrets found in the settings files <c>optin check</c> reads (not in environment variables, where they belong): the webhook secret, the suppression key, the
/// SMTP password, the DKIM key. They belong in user-secrets or environment variables: a settings file is committed and
/// deployed with the site. The secret keys are those the JSON schema marks with <c>x-optin-secret</c>, so the check and
/// the schema cannot drift apart.
/// </summary>
internal static class SecretWarnings
{
    /// <summary>(the key of the section holding it, the key) of every secret the schema marks, e.g. (Args, Secret).</summary>
    internal static IReadOnlySet<(string Parent, string Key)> Keys { get; } = FromSchema();

    /// <summary>A warning for each secret of <paramref name="section"/> whose value comes from a JSON file of <paramref name="root"/>.</summary>
    public static IEnumerable<string> For(IConfigurationRoot root, IConfigurationSection section)
    {
        var files = root.Providers.OfType<Microsoft.Extensions.Configuration.Json.JsonConfigurationProvider>().ToList();
        foreach (var (path, parent, key) in Leaves(section))
        {
            if (Keys.Contains((parent, key)) && files.Any(f => f.TryGet(path, out var value) && !string.IsNullOrEmpty(value)))
            {
                yield return $"{path}: a secret in a settings file; keep it in user-secrets (dotnet user-secrets set \"{path}\" \"<value>\") "
                    + $"or an environment variable ({path.Replace(":", "__", StringComparison.Ordinal)}), not in appsettings.json, "
                    + "which is committed and deployed with the site.";
            }
        }
    }

    private static IEnumerable<(string Path, string Parent, string Key)> Leaves(IConfigurationSection section)
    {
        foreach (var child in section.GetChildren())
        {
            if (child.Value is { Length: > 0 })
            {
                yield return (child.Path, section.Key, child.Key);
            }

            foreach (var leaf in Leaves(child))
            {
                yield return leaf;
            }
        }
    }

    private static HashSet<(string, string)> FromSchema()
    {
        var schema = JsonNode.Parse(OptinFormsJsonSchema.Text)!.AsObject();
        var definitions = schema["definitions"]!.AsObject();
        var found = new HashSet<(string, string)>(new IgnoreCase());
        var visited = new HashSet<(JsonNode, string)>();
        Visit(schema, OptinFormsOptions.SectionName);
        return found;

        // Walks the schema, carrying the key under which each object stands (an array item or a dictionary value keeps
        // the key of its array or dictionary; a $ref keeps the key of the property that refers to it).
        void Visit(JsonNode? node, string key)
        {
            if (node is not JsonObject o || !visited.Add((o, key)))
            {
                return;
            }

            if (o["$ref"] is JsonValue reference)
            {
                Visit(definitions[reference.GetValue<string>()["#/definitions/".Length..]], key);
            }

            foreach (var (name, property) in o["properties"] as JsonObject ?? [])
            {
                if (property?["x-optin-secret"] is JsonValue marked && marked.GetValue<bool>())
                {
                    found.Add((key, name));
                }

                Visit(property, name);
            }

            foreach (var keyword in new[] { "items", "additionalProperties", "then" })
            {
                Visit(o[keyword], key);
            }

            foreach (var keyword in new[] { "allOf", "anyOf", "oneOf" })
            {
                foreach (var branch in o[keyword] as JsonArray ?? [])
                {
                    Visit(branch, key);
                }
            }

            foreach (var (_, grouped) in o["patternProperties"] as JsonObject ?? [])
            {
                Visit(grouped, key);
            }
        }
    }

    private sealed class IgnoreCase : IEqualityComparer<(string, string)>
    {
        public bool Equals((string, string) x, (string, string) y) =>
            string.Equals(x.Item1, y.Item1, StringComparison.OrdinalIgnoreCase) && string.Equals(x.Item2, y.Item2, StringComparison.OrdinalIgnoreCase);

        public int GetHashCode((string, string) obj) =>
            HashCode.Combine(obj.Item1.ToUpperInvariant(), obj.Item2.ToUpperInvariant());
    }
}
