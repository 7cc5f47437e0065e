using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using NodaTime;
using NodaTime.Text;
using PhoneNumbers;

namespace Optin.Forms.Schema;

/// <summary>The checks of field kinds: choices, bounds, phone regions, and fields that would pass for a consent.</summary>
public static partial class FormCatalogCompiler
{
    /// <summary>
    /// Phrases that make a field read like a consent box, compared on a folded form of the text (lower case, no accents,
    /// every run of other characters one space): a word starting with <c>consent</c> or <c>consens</c>, or one of these.
    /// </summary>
    private static readonly string[] ConsentPhrases =
    [
        "j accepte", "nous acceptons", "i agree", "i accept", "we agree", "opt in", "optin", "j autorise", "i authorise",
        "i authorize", "je donne mon accord",
    ];

    private sealed record KindSettings(string? Min, string? Max, decimal? NumberMin, decimal? NumberMax, LocalDate? DateMin,
        LocalDate? DateMax, int MaxChoices, string? DefaultRegion);

    private static bool IsChoiceKind(FieldKind kind) =>
        kind is FieldKind.Select or FieldKind.Radio or FieldKind.CheckboxGroup or FieldKind.MultiSelect;

    /// <summary>The region of a form's phone fields (<c>{form}:DefaultRegion</c>), checked once per form.</summary>
    private static string? CompileFormRegion(FormOptions form, string formPath, ConfigurationReader reader) =>
        CompileRegion(form.DefaultRegion, $"{formPath}:DefaultRegion", reader);

    private static KindSettings CompileKind(FieldOptions field, ImmutableArray<FieldChoice>.Builder choices, string? formRegion,
        string path, ConfigurationReader reader)
    {
        var kind = field.Kind;
        decimal? numberMin = null, numberMax = null;
        LocalDate? dateMin = null, dateMax = null;
        foreach (var (key, text) in new[] { ("Min", field.Min), ("Max", field.Max) })
        {
            if (text is null)
            {
                continue;
            }

            if (kind is not (FieldKind.Number or FieldKind.Date))
            {
                reader.Report($"{path}:{key}", ConfigurationCodes.Invalid,
                    $"{key} applies to fields of kind Number or Date only; this field is of kind {kind}");
                continue;
            }

            if (kind == FieldKind.Number)
            {
                if (decimal.TryParse(text.Trim(), NumberStyles.Number & ~NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n))
                {
                    if (key == "Min")
                    {
                        numberMin = n;
                    }
                    else
                    {
                        numberMax = n;
                    }
                }
                else
                {
                    reader.Report($"{path}:{key}", ConfigurationCodes.Invalid,
                        $"'{text}' is not a number; write it with '.' as the decimal point, such as 0, 18 or 12.5");
                }
            }
            else if (LocalDatePattern.Iso.Parse(text.Trim()) is { Success: true } date)
            {
                if (key == "Min")
                {
                    dateMin = date.Value;
                }
                else
                {
                    dateMax = date.Value;
                }
            }
            else
            {
                reader.Report($"{path}:{key}", ConfigurationCodes.Invalid, $"'{text}' is not a date written yyyy-MM-dd, such as 2026-01-31");
            }
        }

        if ((numberMin > numberMax) || (dateMin > dateMax))
        {
            reader.Report($"{path}:Max", ConfigurationCodes.Invalid,
                $"the maximum ({field.Max!.Trim()}) is below the minimum ({field.Min!.Trim()}): no value could be accepted");
        }

        CheckChoices(field, choices, path, reader);
        var maxChoices = choices.Count;
        if (field.MaxChoices is { } max)
        {
            if (kind is not (FieldKind.CheckboxGroup or FieldKind.MultiSelect))
            {
                reader.Report($"{path}:MaxChoices", ConfigurationCodes.Invalid,
                    $"MaxChoices applies to fields of kind CheckboxGroup or MultiSelect only; this field is of kind {kind}");
            }
            else if (max < 1 || max > choices.Count)
            {
                reader.Report($"{path}:MaxChoices", ConfigurationCodes.Invalid,
                    $"{max} is not allowed: MaxChoices is between 1 and the number of options ({choices.Count})");
            }
            else
            {
                maxChoices = max;
            }
        }

        string? region = null;
        if (field.DefaultRegion is not null && kind != FieldKind.Phone)
        {
            reader.Report($"{path}:DefaultRegion", ConfigurationCodes.Invalid,
                $"DefaultRegion applies to fields of kind Phone only; this field is of kind {kind}");
        }
        else if (kind == FieldKind.Phone)
        {
            region = CompileRegion(field.DefaultRegion, $"{path}:DefaultRegion", reader) ?? formRegion;
        }

        return new KindSettings(field.Min?.Trim(), field.Max?.Trim(), numberMin, numberMax, dateMin, dateMax, maxChoices, region);
    }

    private static void CheckChoices(FieldOptions field, ImmutableArray<FieldChoice>.Builder choices, string path, ConfigurationReader reader)
    {
        if (!IsChoiceKind(field.Kind))
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < field.Options.Count; c++)
        {
            var value = field.Options[c].Value;
            if (string.IsNullOrEmpty(value))
            {
                continue;
            }

            if (value.Trim().Length != value.Length || value.Any(char.IsControl))
            {
                // A posted value is trimmed, and several values are stored one per line: such an option could never match.
                reader.Report($"{path}:Options:{c}:Value", ConfigurationCodes.Invalid,
                    $"the option value '{value.Trim()}' starts or ends with a space or holds a line break or control character");
            }
            else if (!seen.Add(value))
            {
                reader.Report($"{path}:Options:{c}:Value", ConfigurationCodes.Duplicate, $"the option value '{value}' is declared twice");
            }
        }
    }

    /// <summary>
    /// Refuses a field that would pass for a consent box (CONS-4): a name or an option (value or label, any culture), or a
    /// single checkbox's label, that reads like an agreement, and a field named after a purpose. Consent is given only
    /// through the boxes declared under <c>Consents</c>, one per purpose, whose exact texts the ledger records.
    /// </summary>
    private static void CheckConsentLookalike(FieldOptions field, ImmutableDictionary<string, PurposeDefinition> purposes, string path,
        ConfigurationReader reader)
    {
        const string Why = "consent is given only through the consent checkboxes declared under Consents, one per purpose";
        if (purposes.ContainsKey(field.Name!))
        {
            reader.Report($"{path}:Name", ConfigurationCodes.ConsentLookalike,
                $"the field '{field.Name}' takes the name of a purpose declared under {Root}:Purposes; {Why}: rename the field");
            return;
        }

        if (ConsentPhrase(field.Name!) is { } inName)
        {
            reader.Report($"{path}:Name", ConfigurationCodes.ConsentLookalike,
                $"the field name '{field.Name}' reads like a consent ('{inName}'); {Why}: rename the field");
            return;
        }

        if (field.Kind == FieldKind.Checkbox)
        {
            foreach (var (culture, label) in field.Label)
            {
                if (ConsentPhrase(label) is { } inLabel)
                {
                    reader.Report($"{path}:Label:{culture}", ConfigurationCodes.ConsentLookalike,
                        $"the checkbox label '{label}' reads like a consent ('{inLabel}'); {Why}, not as a field");
                }
            }
        }

        if (!IsChoiceKind(field.Kind))
        {
            return;
        }

        for (var c = 0; c < field.Options.Count; c++)
        {
            var option = field.Options[c];
            if (option.Value is { } value && ConsentPhrase(value) is { } inValue)
            {
                reader.Report($"{path}:Options:{c}:Value", ConfigurationCodes.ConsentLookalike,
                    $"the option '{value}' reads like a consent ('{inValue}'); {Why}, never as an option of a field");
            }

            foreach (var (culture, label) in option.Label)
            {
                if (ConsentPhrase(label) is { } inLabel)
                {
                    reader.Report($"{path}:Options:{c}:Label:{culture}", ConfigurationCodes.ConsentLookalike,
                        $"the option label '{label}' reads like a consent ('{inLabel}'); {Why}, never as an option of a field");
                }
            }
        }
    }

    /// <summary>The consent phrase <paramref name="text"/> holds (folded: lower case, no accents, words), or null.</summary>
    internal static string? ConsentPhrase(string text)
    {
        var folded = new StringBuilder(text.Length + 2).Append(' ');
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                folded.Append(char.ToLowerInvariant(c));
            }
            else if (folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        var words = folded.Append(' ').ToString();
        foreach (var word in words.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.StartsWith("consent", StringComparison.Ordinal) || word.StartsWith("consens", StringComparison.Ordinal))
            {
                return word;
            }
        }

        return ConsentPhrases.FirstOrDefault(p => words.Contains(" " + p + " ", StringComparison.Ordinal));
    }

    private static string? CompileRegion(string? region, string path, ConfigurationReader reader)
    {
        if (region is null)
        {
            return null;
        }

        var code = region.Trim().ToUpperInvariant();
        if (PhoneNumberUtil.GetInstance().GetSupportedRegions().Contains(code))
        {
            return code;
        }

        reader.Report(path, ConfigurationCodes.Invalid,
            $"'{region}' is not a region that telephone numbers are known for; use a two-letter ISO 3166-1 code such as FR, BE, CH, DE or GB");
        return null;
    }

    /// <summary>The settings of a kind in the form's version, only when set, so that the version of an older form does not change.</summary>
    private static void AppendKindVersion(StringBuilder canonical, FieldDefinition f)
    {
        if (f.Min is not null || f.Max is not null)
        {
            canonical.Append("min=").Append(f.Min).Append(";max=").Append(f.Max).Append(';');
        }

        if (f.IsMultiValued)
        {
            canonical.Append("maxChoices=").Append(f.MaxChoices).Append(';');
        }

        if (f.DefaultRegion is not null)
        {
            canonical.Append("region=").Append(f.DefaultRegion).Append(';');
        }
    }
}
