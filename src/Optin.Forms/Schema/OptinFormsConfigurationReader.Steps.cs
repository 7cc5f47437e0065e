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
                // "Fields": [] (a step of consents only) reads as an empty list.
                Fields = reader.TextList(section.GetSection(nameof(FormStepOptions.Fields)), "a field name") ?? [],
                Consents = reader.Bool(section, nameof(FormStepOptions.Consents)) ?? false,
            };
            reader.Localized(section, nameof(FormStepOptions.Title), step.Title);
            target.Steps.Add(step);
        }
    }
}
