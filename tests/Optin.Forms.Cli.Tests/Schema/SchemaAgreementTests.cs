using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Optin.Forms.AspNetCore;
using Optin.Forms.Jobs;
using Optin.Forms.MailKit;
using Optin.Forms.Mail;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using static Optin.Forms.Cli.Tests.Schema.SchemaFiles;

namespace Optin.Forms.Cli.Tests.Schema;

/// <summary>
/// Keeps the hand-written schema and the configuration readers in agreement, both ways: every option the readers bind has
/// a schema entry of the right kind, every schema entry is an option, and every key the schema allows is accepted by the
/// start-time check. When one of these fails after a new option, add the key to <c>src/Optin.Forms/Schema/optin-forms.schema.json</c>
/// (with a description) or, for a key that is not read from configuration, to the exceptions below.
/// </summary>
public sealed class SchemaAgreementTests
{
    /// <summary>Options whose configuration key differs from the property: (type, property) → key path under the type's section.</summary>
    private static readonly Dictionary<(Type, string), string> Renamed = new()
    {
        [(typeof(MailOptions), nameof(MailOptions.PickupDirectory))] = "Pickup:Directory",
        [(typeof(FieldConditionOptions), nameof(FieldConditionOptions.Value))] = "Equals",
    };

    /// <summary>Properties that are not read from configuration, with why.</summary>
    private static readonly Dictionary<(Type, string), string> NotConfigured = new()
    {
        [(typeof(RuleConditionOptions), nameof(RuleConditionOptions.Custom))] = "host conditions by name: any key of If that is not a built-in condition",
        [(typeof(SmtpSenderOptions), nameof(SmtpSenderOptions.ServerCertificateValidationCallback))] = "C# only",
        [(typeof(ImapPollerOptions), nameof(ImapPollerOptions.ServerCertificateValidationCallback))] = "C# only",
    };

    /// <summary>Sections read into another package's options (or by the sample and the optin command), under a type's section.</summary>
    private static readonly Dictionary<(Type, string), Type?> Sections = new()
    {
        [(typeof(OptinFormsOptions), "Abuse")] = typeof(AbuseOptions),
        [(typeof(OptinFormsOptions), "Admin")] = typeof(AdminApiOptions),
        [(typeof(OptinFormsOptions), "Deliverability")] = typeof(BounceEndpointOptions),
        [(typeof(OptinFormsOptions), "Jobs")] = typeof(JobOptions),
        [(typeof(OptinFormsOptions), "Storage")] = null, // the sample and the optin command read Storage:Provider
        [(typeof(MailOptions), "Smtp")] = typeof(SmtpSenderOptions),
        [(typeof(BounceEndpointOptions), "Imap")] = typeof(ImapPollerOptions), // read by the MailKit package's poller
    };

    /// <summary>Keys the reader accepts that nothing reads yet: kept out of the schema so that an editor does not offer them.</summary>
    private static readonly HashSet<string> AcceptedButUnread = ["Webhooks"];

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void EveryOption_HasASchemaEntryOfItsKind_AndEverySchemaEntry_IsAnOption()
    {
        var problems = new List<string>();

        Walk(typeof(OptinFormsOptions), Definitions["OptinForms"]!, "OptinForms", problems);

        Assert.True(problems.Count == 0, "The schema and the options disagree:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void EverySectionTheReaderDelegates_IsInTheSchema()
    {
        var properties = Definitions["OptinForms"]!["properties"]!.AsObject();

        var missing = OptinFormsConfigurationReader.DelegatedSections.Where(s => !properties.ContainsKey(s) && !AcceptedButUnread.Contains(s));

        Assert.Empty(missing);
    }

    [Fact]
    [Trait("Requirement", "CFG-3")]
    public void EveryBuiltInAction_IsInTheSchema_WithItsArguments_AndNoOther()
    {
        var actions = typeof(OptinFormsOptions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRuleAction).IsAssignableFrom(t))
            .ToDictionary(t => t.Name.EndsWith("Action", StringComparison.Ordinal) ? t.Name[..^"Action".Length] : t.Name, ArgsType);
        var step = Definitions["RuleStep"]!.AsObject();
        var names = Resolve(step["properties"]!["Action"]!)["enum"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var problems = new List<string>();

        Assert.Equal(actions.Keys.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
        foreach (var (name, argsType) in actions)
        {
            var definition = Definitions[name + "Args"];
            if (definition is null)
            {
                problems.Add($"definitions:{name}Args: missing for the action {name}");
                continue;
            }

            Walk(argsType, definition, $"Rules:Then:{name}:Args", problems);
            // A required secret is not required by the schema: it comes from user-secrets or the environment, not the file.
            var secrets = definition["properties"]!.AsObject().Where(p => p.Value?["x-optin-secret"] is not null).Select(p => p.Key).ToHashSet();
            var required = argsType.GetProperties().Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null && !secrets.Contains(p.Name))
                .Select(p => p.Name).Order(StringComparer.Ordinal);
            var declared = (definition["required"]?.AsArray() ?? []).Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal);
            if (!required.SequenceEqual(declared))
            {
                problems.Add($"definitions:{name}Args:required: [{string.Join(", ", declared)}], the action requires [{string.Join(", ", required)}]");
            }

            var branch = step["allOf"]!.AsArray().SingleOrDefault(b => b!["if"]!["properties"]!["Action"]!["const"]!.GetValue<string>() == name);
            if (branch?["then"]?["properties"]?["Args"] is not { } args || RefName(args) != name + "Args")
            {
                problems.Add($"definitions:RuleStep:allOf: no branch gives {name} its arguments {name}Args");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryEvent_IsInTheSchema_AndNoOther()
    {
        var events = typeof(OptinFormsOptions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(OptinEvent))).Select(t => t.Name);

        var names = Definitions["ruleEvent"]!["enum"]!.AsArray().Select(n => n!.GetValue<string>());

        Assert.Equal(events.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void EveryKeyTheSchemaAllows_IsAcceptedByTheStartTimeCheck()
    {
        var settings = new JsonObject { ["OptinForms"] = SchemaInstance.Full() };
        var schemaProblems = Problems(settings.ToJsonString());
        Assert.True(schemaProblems.Count == 0, string.Join("\n", schemaProblems)); // the generated settings are what the schema describes

        var refused = ReadingProblems(settings);

        Assert.True(refused.Count == 0, "Keys or values the schema allows but the readers refuse:\n" + string.Join("\n", refused));
    }

    [Fact]
    public void EveryKeyTheSchemaAllows_AKeyItDoesNot_IsRefused()
    {
        // The check above is only worth its filter: an unknown key in the same settings must show through it.
        var settings = new JsonObject { ["OptinForms"] = SchemaInstance.Full() };
        settings["OptinForms"]!["Retention"]!["Sweep"] = "1.00:00:00";

        Assert.NotEmpty(Problems(settings.ToJsonString()));
        Assert.Contains(ReadingProblems(settings), p => p.StartsWith("OptinForms:Retention:Sweep", StringComparison.Ordinal));
    }

    private static List<string> ReadingProblems(JsonObject settings)
    {
        var configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(settings.ToJsonString()))).Build();
        string[] reading = ["unknown", "expected", "does not convert", "is not a", "not one of"];
        return [.. ConfigurationAgreement.Problems(configuration.GetSection(OptinFormsOptions.SectionName))
            // What a template or a webhook refers to (AUTH-1: a variable the template's kind lacks; a field the rule's forms
            // do not have) is not how a key was read: the generated settings send every template every way and name
            // fields no generated form has, which no real configuration does.
            .Where(p => reading.Any(r => p.Contains(r, StringComparison.OrdinalIgnoreCase)) && !p.EndsWith("(AUTH-1)", StringComparison.Ordinal)
                && !p.Contains("is not a field of the form", StringComparison.Ordinal))];
    }

    private static Type ArgsType(Type action)
    {
        for (var t = action; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(RuleAction<>))
            {
                return t.GetGenericArguments()[0];
            }
        }

        throw new InvalidOperationException($"{action.Name} does not derive from RuleAction<TArgs>");
    }

    private static void Walk(Type type, JsonNode node, string path, List<string> problems)
    {
        // A type that nests itself (All and Any of a condition) is walked once per schema object.
        if (ObjectSchema(node) is { } walked && !Walked.Add((type, walked)))
        {
            return;
        }

        if (ObjectSchema(node) is not { } schema)
        {
            problems.Add($"{path}: the schema has no object for {type.Name}");
            return;
        }

        var keys = ((JsonObject?)schema["properties"] ?? []).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (NotConfigured.ContainsKey((type, property.Name)))
            {
                continue;
            }

            var key = Renamed.GetValueOrDefault((type, property.Name), property.Name);
            var entry = Find(schema, key);
            seen.Add(key.Split(':')[0]);
            if (entry is null)
            {
                problems.Add($"{path}:{key}: {type.Name}.{property.Name} is an option, and the schema does not have it");
                continue;
            }

            CheckKind(property.PropertyType, entry, $"{path}:{key}", problems);
        }

        foreach (var ((owner, key), sectionType) in Sections.Where(s => s.Key.Item1 == type))
        {
            seen.Add(key.Split(':')[0]);
            if (Find(schema, key) is not { } entry)
            {
                problems.Add($"{path}:{key}: a section read from configuration, and the schema does not have it");
            }
            else if (sectionType is not null)
            {
                Walk(sectionType, entry, $"{path}:{key}", problems);
            }
        }

        problems.AddRange(keys.Where(k => !seen.Contains(k)).Select(k => $"{path}:{k}: in the schema, and {type.Name} has no such option"));

        // Parts grouped by culture (Templates:{id}:fr:Html): every key of a culture's object is an option of the type.
        foreach (var (_, grouped) in (JsonObject?)schema["patternProperties"] ?? [])
        {
            foreach (var (key, _) in (JsonObject?)Resolve(grouped!)["properties"] ?? [])
            {
                if (type.GetProperty(key) is null)
                {
                    problems.Add($"{path}:{{culture}}:{key}: in the schema, and {type.Name} has no such option");
                }
            }
        }
    }

    [ThreadStatic]
    private static HashSet<(Type, JsonObject)>? walked;

    private static HashSet<(Type, JsonObject)> Walked => walked ??= [];

    private static JsonNode? Find(JsonObject schema, string key)
    {
        JsonNode? node = schema;
        foreach (var part in key.Split(':'))
        {
            node = node is null ? null : ObjectSchema(node)?["properties"]?[part];
        }

        return node;
    }

    private static void CheckKind(Type clr, JsonNode entry, string path, List<string> problems)
    {
        var type = Nullable.GetUnderlyingType(clr) ?? clr;
        var schema = Resolve(entry);
        var kind = (schema["type"] as JsonValue)?.GetValue<string>();
        string? expected = null;
        if (type.IsEnum)
        {
            var values = schema["enum"]?.AsArray().Select(n => n!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray() ?? [];
            if (!values.SequenceEqual(Enum.GetNames(type).Order(StringComparer.Ordinal)))
            {
                problems.Add($"{path}: the schema's values [{string.Join(", ", values)}] are not those of {type.Name} [{string.Join(", ", Enum.GetNames(type))}]");
            }

            return;
        }

        if (type == typeof(TimeSpan))
        {
            expected = RefName(entry) == "duration" ? null : "a duration ($ref duration)";
        }
        else if (type == typeof(bool))
        {
            expected = kind == "boolean" ? null : "a boolean";
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            expected = kind == "integer" ? null : "an integer";
        }
        else if (type == typeof(string))
        {
            expected = kind == "string" ? null : "a string";
        }
        else if (type == typeof(List<string>) || type == typeof(IReadOnlyList<string>))
        {
            expected = kind == "array" || schema["anyOf"] is not null ? null : "a list of strings";
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var value = type.GetGenericArguments()[1];
            var values = RefName(entry) == "localizedText"
                ? null
                : schema["additionalProperties"] is JsonObject additional ? additional : null;
            if (value == typeof(string))
            {
                // Texts per culture, or values by name (a rule step's Args: each action's are checked on their own).
                expected = RefName(entry) == "localizedText" || values is not null ? null : "a text per culture or an object of texts";
            }
            else if (values is null)
            {
                expected = "an object whose values are described by additionalProperties";
            }
            else if (value.IsEnum)
            {
                CheckKind(value, values, $"{path}:{{key}}", problems);
            }
            else if (!value.IsGenericType)
            {
                Walk(value, values, $"{path}:{{key}}", problems);
            }
        }
        else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            if (schema["items"] is not { } items)
            {
                expected = "an array";
            }
            else
            {
                Walk(type.GetGenericArguments()[0], items, $"{path}:{{index}}", problems);
            }
        }
        else if (type.IsClass && type.Namespace?.StartsWith("Optin.Forms", StringComparison.Ordinal) == true)
        {
            Walk(type, entry, path, problems);
        }
        else
        {
            expected = $"a kind this test knows (it does not know {type.Name}: teach it)";
        }

        if (expected is not null)
        {
            problems.Add($"{path}: the schema should describe {expected}");
        }
    }
}
