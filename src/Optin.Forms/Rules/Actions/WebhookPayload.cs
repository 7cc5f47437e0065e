using System.Text.Json.Nodes;
using Optin.Forms.Schema;

namespace Optin.Forms.Rules.Actions;

/// <summary>
/// What a <c>Webhook</c> sends beyond ids: the address and the fields a rule opted in to (<see cref="WebhookArgs"/>),
/// checked at start against the fields of the forms the rule can be about.
/// </summary>
internal static class WebhookPayload
{
    /// <summary>Reports every name in <paramref name="fields"/> that is not a field of the rule's forms, with the closest one.</summary>
    public static void Check(IReadOnlyList<string>? fields, RuleOptions rule, OptinFormsOptions options, string path, List<ConfigurationProblem> problems)
    {
        if (fields is null or { Count: 0 })
        {
            return;
        }

        var formIds = rule.Forms.Count > 0 ? rule.Forms : rule.If?.FormIs is { } only ? [only] : [.. options.Forms.Keys];
        var forms = formIds.Where(options.Forms.ContainsKey).Select(id => options.Forms[id]).ToList();
        var addresses = forms.SelectMany(f => f.Fields).Where(f => f.Kind == FieldKind.Email).Select(f => f.Name).OfType<string>()
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var known = forms.SelectMany(f => f.Fields).Where(f => f.Kind != FieldKind.Email).Select(f => f.Name).OfType<string>()
            .Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).ToList();
        foreach (var field in fields)
        {
            if (addresses.Contains(field))
            {
                problems.Add(new(path, ConfigurationCodes.Invalid,
                    $"'{field}' is the person's address: send it with \"{nameof(WebhookArgs.IncludeEmail)}\": true, not as a field"));
            }
            else if (!known.Contains(field, StringComparer.OrdinalIgnoreCase))
            {
                var closest = Templates.ClosestName.Find(field, known);
                problems.Add(new(path, ConfigurationCodes.DanglingReference,
                    $"'{field}' is not a field of the form(s) this rule can be about ({string.Join(", ", formIds)})" +
                    (closest is null ? "." : $"; did you mean '{closest}'?") +
                    (known.Count == 0 ? " They have no field besides the address." : $" Their fields: {string.Join(", ", known)}")));
            }
        }
    }

    /// <summary>The payload's <c>email</c> and <c>fields</c>, added to <paramref name="body"/>; every chosen field appears, null when it has no value.</summary>
    public static void Add(JsonObject body, WebhookArgs args, string? email, IReadOnlyDictionary<string, string> values)
    {
        if (args.IncludeEmail)
        {
            body["email"] = email;
        }

        if (args.IncludeFields is { Count: > 0 } chosen)
        {
            var fields = new JsonObject();
            foreach (var name in chosen)
            {
                // Names were checked case-insensitively at start, as field names are everywhere else.
                fields[name] = values.TryGetValue(name, out var value) ? value
                    : values.FirstOrDefault(v => string.Equals(v.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
            }

            body["fields"] = fields;
        }
    }

    /// <summary>Whether the payload carries anything about the person beyond ids.</summary>
    public static bool CarriesPersonalData(WebhookArgs args) => args.IncludeEmail || args.IncludeFields is { Count: > 0 };
}
