using Microsoft.Extensions.Configuration;

namespace Optin.Forms.Schema;

/// <summary>Conditional fields: a field's <c>ShowWhen</c>, and the refusal of one on a consent box.</summary>
public static partial class OptinFormsConfigurationReader
{
    private static FieldConditionOptions? ReadShowWhen(ConfigurationReader reader, IConfigurationSection section)
    {
        if (!section.Exists())
        {
            return null;
        }

        // A layered configuration can give a section both a plain value and keys: the keys are what was meant.
        if (!section.GetChildren().Any())
        {
            if (string.IsNullOrEmpty(section.Value))
            {
                return null;
            }

            reader.Report(section.Path, ConfigurationCodes.WrongType,
                $"expected an object such as {{ \"Field\": \"topic\", \"Equals\": \"quote\" }}, found '{section.Value}'");
            return null;
        }

        reader.CheckKeys(section, nameof(FieldConditionOptions.Field), FormCatalogCompiler.ConditionEquals, nameof(FieldConditionOptions.In));
        return new FieldConditionOptions
        {
            Field = reader.String(section, nameof(FieldConditionOptions.Field)),
            Value = reader.String(section, FormCatalogCompiler.ConditionEquals),
            In = reader.TextList(section.GetSection(nameof(FieldConditionOptions.In))),
        };
    }

    /// <summary>
    /// A consent box is always shown: a <c>ShowWhen</c> on one is refused with its own reason rather than as an unknown
    /// key. Returns the key, so that it is not reported twice.
    /// </summary>
    private static string[] RefuseConditionalConsent(ConfigurationReader reader, IConfigurationSection consent)
    {
        var when = consent.GetChildren().FirstOrDefault(c => string.Equals(c.Key, nameof(FieldOptions.ShowWhen), StringComparison.OrdinalIgnoreCase));
        if (when is null)
        {
            return [];
        }

        reader.Report(when.Path, ConfigurationCodes.ConditionalConsent,
            "a consent checkbox is always shown, whatever the other answers: it cannot have a condition (ShowWhen); put the condition on a field instead");
        return [when.Key];
    }
}
