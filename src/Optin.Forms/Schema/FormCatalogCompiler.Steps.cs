using System.Collections.Immutable;
using System.Text;

namespace Optin.Forms.Schema;

/// <content>The steps of a multi-step form: each field on exactly one step, no empty step, the consents on one step.</content>
public static partial class FormCatalogCompiler
{
    /// <summary>The most steps a form may have.</summary>
    private const int MaxSteps = 20;

    private static ImmutableArray<FormStep> CompileSteps(FormOptions form, ImmutableArray<FieldDefinition> fields,
        ImmutableArray<PurposeDefinition> consents, string formPath, ConfigurationReader reader)
    {
        if (form.Steps is not { Count: > 0 } steps)
        {
            return [];
        }

        if (steps.Count > MaxSteps)
        {
            reader.Report($"{formPath}:Steps", ConfigurationCodes.Invalid, $"a form has at most {MaxSteps} steps; found {steps.Count}");
            return [];
        }

        var placed = new Dictionary<string, int>(StringComparer.Ordinal);
        var consentStep = -1;
        var lists = new List<ImmutableArray<FieldDefinition>>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            var path = $"{formPath}:Steps:{i}";
            var list = ImmutableArray.CreateBuilder<FieldDefinition>();
            var names = step.Fields ?? [];
            for (var j = 0; j < names.Count; j++)
            {
                var name = names[j];
                var fieldPath = $"{path}:Fields:{j}";
                var field = fields.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.Ordinal));
                if (field is null)
                {
                    reader.Report(fieldPath, ConfigurationCodes.DanglingReference,
                        $"'{name}' is not a field of the form (a step's Fields are names from the form's Fields)"
                        + Templates.ClosestName.Hint(name ?? string.Empty, fields.Select(f => f.Name)));
                    continue;
                }

                if (placed.TryGetValue(field.Name, out var other))
                {
                    reader.Report(fieldPath, ConfigurationCodes.Duplicate,
                        other == i
                            ? $"the field '{field.Name}' is listed twice on this step"
                            : $"the field '{field.Name}' is already on step {other + 1} (Steps:{other}); a field sits on one step only");
                    continue;
                }

                placed[field.Name] = i;
                list.Add(field);
            }

            if (step.Consents)
            {
                if (consents.IsDefaultOrEmpty)
                {
                    reader.Report($"{path}:Consents", ConfigurationCodes.Invalid,
                        "this form has no consent boxes (its Consents list is empty), so no step can hold them; remove Consents: true");
                }
                else if (consentStep >= 0)
                {
                    reader.Report($"{path}:Consents", ConfigurationCodes.Duplicate,
                        $"the consent boxes are already on step {consentStep + 1} (Steps:{consentStep}); set Consents: true on one step only");
                }
                else
                {
                    consentStep = i;
                }
            }

            if (names.Count == 0 && !step.Consents)
            {
                reader.Report($"{path}:Fields", ConfigurationCodes.Missing,
                    $"step {i + 1} shows nothing: list at least one field name in its Fields (or set Consents: true on it)");
            }

            lists.Add(list.ToImmutable());
        }

        for (var k = 0; k < fields.Length; k++)
        {
            // A hidden field has nothing to show: unless a step lists it, it travels with the last step.
            if (fields[k].Kind != FieldKind.Hidden && !placed.ContainsKey(fields[k].Name))
            {
                reader.Report($"{formPath}:Steps", ConfigurationCodes.Missing,
                    $"the field '{fields[k].Name}' (Fields:{k}) is on no step; add its name to the Fields of one step");
            }
        }

        if (consentStep < 0)
        {
            consentStep = steps.Count - 1;
        }

        var last = steps.Count - 1;
        var hiddenLeft = fields.Where(f => f.Kind == FieldKind.Hidden && !placed.ContainsKey(f.Name)).ToList();
        var result = ImmutableArray.CreateBuilder<FormStep>(steps.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            var stepFields = i == last && hiddenLeft.Count > 0 ? lists[i].AddRange(hiddenLeft) : lists[i];
            result.Add(new FormStep(i, LocalizedText.From(steps[i].Title ?? []), stepFields,
                !consents.IsDefaultOrEmpty && i == consentStep, i == last));
        }

        return result.MoveToImmutable();
    }

    /// <summary>The steps, in the form's version: appended only when declared, so that a one-page form keeps its version.</summary>
    private static void AppendStepsVersion(StringBuilder canonical, List<FormStepOptions>? steps)
    {
        for (var i = 0; i < (steps?.Count ?? 0); i++)
        {
            var step = steps![i];
            canonical.Append("\nstep|").Append(i).Append('|').Append(step.Consents).Append('|').AppendJoin(',', step.Fields ?? []);
            foreach (var (culture, title) in step.Title.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                canonical.Append(';').Append(culture).Append('=').Append(title);
            }
        }
    }
}
