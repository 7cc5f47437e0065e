using Microsoft.Extensions.Configuration;

namespace Optin.Forms.Schema;

/// <content>The steps of a multi-step form (<c>OptinForms:Forms:{formId}:Steps</c>).</content>
public static partial class OptinFormsConfigurationReader
{
    private static void ReadSteps(ConfigurationReader reader, IConfigurationSection form, FormOptions target)
    {
        foreach (var section in ConfigurationReader.Items(form.GetSection(nameof(FormOptions.Steps))))
        {
            reader.CheckKeys(section, nameof(FormStepOptions.Title), nameof(FormStepOptions.Fields), nameof(FormStepOptions.Consents));
            var step = new FormStepOptions
            {
                Fields = Names(reader, section.GetSection(nameof(FormStepOptions.Fields))),
                Consents = reader.Bool(section, nameof(FormStepOptions.Consents)) ?? false,
            };
            reader.Localized(section, nameof(FormStepOptions.Title), step.Title);
            target.Steps.Add(step);
        }
    }

    /// <summary>
    /// A step's field names: a list, or one name. <c>"Fields": []</c> reads as an empty text (a step of consents only); when
    /// one layer of the configuration gives such an empty text and another the list, the list counts.
    /// </summary>
    private static List<string> Names(ConfigurationReader reader, IConfigurationSection fields)
    {
        var children = ConfigurationReader.Items(fields).ToList();
        if (children.Count == 0)
        {
            return string.IsNullOrEmpty(fields.Value) ? [] : [fields.Value];
        }

        var names = new List<string>(children.Count);
        foreach (var child in children)
        {
            if (child.Value is null)
            {
                reader.Report(child.Path, ConfigurationCodes.WrongType, "expected a field name, found a section");
            }
            else
            {
                names.Add(child.Value);
            }
        }

        return names;
    }
}
