using System.Text.Json.Nodes;
using static Optin.Forms.Cli.Tests.Schema.SchemaFiles;

namespace Optin.Forms.Cli.Tests.Schema;

/// <summary>
/// Builds an <c>OptinForms</c> section that sets every key the schema describes, each to a value the schema allows, so that
/// the readers can be asked whether they accept all of them.
/// </summary>
internal static class SchemaInstance
{
    public static JsonNode Full() => Sample(Definitions["OptinForms"]!, 0)!;

    private static JsonNode? Sample(JsonNode node, int depth)
    {
        switch (RefName(node))
        {
            case "duration": return "1.00:00:00";
            case "culture": return "fr";
            case "localPath": return "/x";
            case "localizedText": return new JsonObject { ["fr"] = "x" };
            case "RuleStep": return EveryAction();
        }

        var schema = Resolve(node);
        if (schema["enum"] is JsonArray values)
        {
            return values[0]!.DeepClone();
        }

        if (schema["const"] is { } constant)
        {
            return constant.DeepClone();
        }

        if (schema["anyOf"] is JsonArray any)
        {
            // The object branch when there is one: it has the keys to check.
            var branch = any.FirstOrDefault(b => ObjectSchema(b!)?["properties"] is not null) ?? any[0];
            return Sample(branch!, depth);
        }

        switch ((schema["type"] as JsonValue)?.GetValue<string>())
        {
            case "string":
                return schema["examples"] is JsonArray { Count: > 0 } examples ? examples[0]!.DeepClone()
                    : schema["pattern"]?.GetValue<string>() == "^https?://" ? "https://example.test" : "x";
            case "boolean":
                return false;
            case "integer":
                return Math.Max(1, schema["minimum"]?.GetValue<int>() ?? 1);
            case "array":
                if (depth > 6)
                {
                    return new JsonArray();
                }

                return schema["items"] is { } items && RefName(items) == "RuleStep" ? EveryAction() : new JsonArray(Sample(schema["items"]!, depth + 1));
            case "object":
                var result = new JsonObject();
                foreach (var (key, property) in (JsonObject?)schema["properties"] ?? [])
                {
                    if (depth <= 6 || property!["type"] is null)
                    {
                        result[key] = Sample(property!, depth + 1);
                    }
                }

                if (schema["additionalProperties"] is JsonObject additional && depth <= 6)
                {
                    result[schema["propertyNames"] is { } names && RefName(names) == "culture" ? "fr" : "k"] = Sample(additional, depth + 1);
                }

                foreach (var (_, grouped) in (JsonObject?)schema["patternProperties"] ?? [])
                {
                    result["fr"] = Sample(grouped!, depth + 1);
                }

                return result;
            default:
                throw new InvalidOperationException($"SchemaInstance does not know how to fill {schema.ToJsonString()}");
        }
    }

    /// <summary>One step per built-in action, each with every argument the schema gives it.</summary>
    private static JsonArray EveryAction()
    {
        var steps = new JsonArray();
        foreach (var name in Resolve(Definitions["RuleStep"]!["properties"]!["Action"]!)["enum"]!.AsArray())
        {
            steps.Add(new JsonObject { ["Action"] = name!.DeepClone(), ["Args"] = Sample(Definitions[$"{name}Args"]!, 1) });
        }

        return steps;
    }
}
