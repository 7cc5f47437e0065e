namespace Optin.Forms.Schema;

/// <summary>The checks of conditional fields (<c>ShowWhen</c>): what they read, and that they can all be met.</summary>
public static partial class FormCatalogCompiler
{
    private const string ShowWhen = nameof(FieldOptions.ShowWhen);

    /// <summary>The JSON key of <see cref="FieldConditionOptions.Value"/>.</summary>
    internal const string ConditionEquals = "Equals";

    /// <summary>A field's own condition, checked on its own: the field it reads is named, and one value or several are given.</summary>
    private static FieldCondition? CompileCondition(FieldOptions field, string path, ConfigurationReader reader)
    {
        if (field.ShowWhen is not { } when)
        {
            return null;
        }

        path += ":" + ShowWhen;
        var ok = true;
        if (field.Kind == FieldKind.Email)
        {
            reader.Report(path, ConfigurationCodes.Invalid,
                "the email field identifies the contact and is always shown: it cannot have a condition (ShowWhen)");
            ok = false;
        }

        if (string.IsNullOrWhiteSpace(when.Field))
        {
            reader.Report($"{path}:Field", ConfigurationCodes.Missing,
                "a condition names the field it reads, for example \"ShowWhen\": { \"Field\": \"topic\", \"Equals\": \"quote\" }");
            ok = false;
        }

        if (when.Value is not null && when.In is not null)
        {
            reader.Report($"{path}:In", ConfigurationCodes.Invalid, "use Equals for one value or In for several, not both");
            return null;
        }

        if (when.Value is null && (when.In is null || when.In.Count == 0))
        {
            reader.Report(path, ConfigurationCodes.Missing,
                "a condition needs the value that shows the field: \"Equals\": \"quote\", or \"In\": [\"quote\", \"demo\"] for several");
            return null;
        }

        List<string> values = when.Value is { } one ? [one] : when.In!;
        for (var i = 0; i < values.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(values[i]) || values[i].Trim().Length != values[i].Length)
            {
                reader.Report(ValuePath(path, when, i), ConfigurationCodes.Invalid,
                    $"'{values[i]}' cannot show a field: a condition value is not empty and has no surrounding spaces (posted values are trimmed)");
                ok = false;
            }
        }

        return ok ? new FieldCondition(when.Field!.Trim(), [.. values.Distinct(StringComparer.Ordinal)]) : null;
    }

    /// <summary>
    /// The conditions of a form against its fields: each reads a declared, earlier field (so no condition can wait on
    /// itself or go round in a circle), and each value is one the field it reads can post.
    /// </summary>
    private static void CheckConditions(FormOptions form, string formPath, ConfigurationReader reader)
    {
        var fields = form.Fields;
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < fields.Count; i++)
        {
            if (fields[i].Name is { } name)
            {
                index.TryAdd(name, i);
            }
        }

        var inCycle = new HashSet<int>();
        for (var i = 0; i < fields.Count; i++)
        {
            if (Cycle(fields, index, i) is { } cycle)
            {
                inCycle.UnionWith(cycle);
                if (cycle.Min() == i && cycle.Count > 1)
                {
                    var names = string.Join(" → ", cycle.Append(i).Select(c => $"'{fields[c].Name}'"));
                    reader.Report($"{formPath}:Fields:{i}:{ShowWhen}:Field", ConfigurationCodes.ConditionCycle,
                        $"the conditions go round in a circle ({names}): none of these fields could ever be shown; remove one of the conditions");
                }
            }
        }

        for (var i = 0; i < fields.Count; i++)
        {
            var field = fields[i];
            if (field.ShowWhen is not { Field: { } target } when || string.IsNullOrWhiteSpace(target))
            {
                continue;
            }

            var path = $"{formPath}:Fields:{i}:{ShowWhen}";
            target = target.Trim();
            if (!index.TryGetValue(target, out var t))
            {
                reader.Report($"{path}:Field", ConfigurationCodes.DanglingReference,
                    target.StartsWith("consent", StringComparison.OrdinalIgnoreCase)
                        ? $"'{target}' is a consent box, not a field of this form: a field cannot depend on one"
                        : $"the field '{target}' is not declared in this form{Templates.ClosestName.Hint(target, index.Keys)}");
                continue;
            }

            if (t == i)
            {
                reader.Report($"{path}:Field", ConfigurationCodes.ConditionCycle,
                    $"the field '{field.Name}' cannot be shown on a condition on itself: it would never be shown; name another field");
                continue;
            }

            if (inCycle.Contains(i))
            {
                continue;
            }

            if (t > i)
            {
                reader.Report($"{path}:Field", ConfigurationCodes.Invalid,
                    $"the field '{target}' comes after '{field.Name}' in the form; a condition reads an earlier field, as a visitor answers in order: move '{target}' before '{field.Name}'");
                continue;
            }

            CheckConditionValues(fields[t], when, path, reader);
        }
    }

    /// <summary>The chain of conditions from field <paramref name="start"/>, when it comes back to it; otherwise null.</summary>
    private static List<int>? Cycle(List<FieldOptions> fields, Dictionary<string, int> index, int start)
    {
        var chain = new List<int> { start };
        var current = start;
        while (fields[current].ShowWhen?.Field?.Trim() is { } next && index.TryGetValue(next, out var n))
        {
            if (n == start)
            {
                return chain;
            }

            if (chain.Contains(n))
            {
                return null;
            }

            chain.Add(n);
            current = n;
        }

        return null;
    }

    private static void CheckConditionValues(FieldOptions target, FieldConditionOptions when, string path, ConfigurationReader reader)
    {
        List<string> values = when.Value is { } one ? [one] : when.In ?? [];
        var options = IsChoiceKind(target.Kind)
            ? target.Options.Select(o => o.Value).OfType<string>().ToList()
            : target.Kind == FieldKind.Checkbox ? ["true"] : null;
        if (options is null)
        {
            return;
        }

        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            if (string.IsNullOrWhiteSpace(value) || value.Trim().Length != value.Length || options.Contains(value, StringComparer.Ordinal))
            {
                continue;
            }

            reader.Report(ValuePath(path, when, i), ConfigurationCodes.Invalid, target.Kind == FieldKind.Checkbox
                ? $"'{value}' is never posted by the checkbox '{target.Name}', which posts true when ticked: write \"Equals\": \"true\""
                : $"'{value}' is not an option of the field '{target.Name}'{Templates.ClosestName.Hint(value, options)}; its options are {string.Join(", ", options)}");
        }
    }

    private static string ValuePath(string path, FieldConditionOptions when, int i) =>
        when.Value is not null ? $"{path}:{ConditionEquals}" : $"{path}:In:{i}";

    /// <summary>A field's condition in the form's version, only when set, so that the version of a form without one does not change.</summary>
    private static void AppendConditionVersion(System.Text.StringBuilder canonical, FieldDefinition f)
    {
        if (f.ShowWhen is { } when)
        {
            canonical.Append("showWhen=").Append(when.Field).Append(':').AppendJoin(',', when.Values).Append(';');
        }
    }
}
