using System.Collections.Immutable;

namespace Optin.Forms.Schema;

/// <content>Start-time checks of a form's declared processing (PROC-1).</content>
public static partial class FormCatalogCompiler
{
    private const string ProcessingHint =
        "add Processing with a Purpose, a LegalBasis (Contract, LegitimateInterest with the LegitimateInterest stated, or LegalObligation) and a Retention";

    /// <summary>
    /// A form's data needs a declared processing (GDPR Art. 6, 13): either the form collects data for its consent
    /// purposes alone (at least one consent box, and no required field but the email), or it declares a
    /// <c>Processing</c> that is complete.
    /// </summary>
    /// <remarks>
    /// <see cref="LegalBasis.Consent"/> is refused inside a form's processing: consent is given one box per purpose, each
    /// recorded in the ledger with the exact text shown (Art. 7(1)); sending a form is not that proof. Data collected
    /// on consent is declared as a consent purpose and listed under the form's <c>Consents</c> instead.
    /// </remarks>
    private static void CheckProcessing(OptinFormsOptions options, FormOptions form, ImmutableArray<FieldDefinition> fields,
        ImmutableArray<PurposeDefinition> consents, string path, ConfigurationReader reader)
    {
        var processingPath = $"{path}:Processing";
        if (form.Processing is not { } processing)
        {
            var required = fields.Where(f => f.Required && f.Kind != FieldKind.Email).Select(f => f.Name).ToList();
            if (consents.IsDefaultOrEmpty && form.Consents.Count == 0)
            {
                reader.Report(processingPath, ConfigurationCodes.Missing,
                    $"the form has no consent purpose, so the processing of its data is not declared: {ProcessingHint}");
            }
            else if (required.Count > 0)
            {
                reader.Report(processingPath, ConfigurationCodes.Missing,
                    $"the form requires {string.Join(", ", required.Select(n => $"'{n}'"))}, which its consent purposes do not need, so the processing of its data is not declared: {ProcessingHint}");
            }

            return;
        }

        var defaultCulture = options.DefaultCulture;
        if (!processing.Purpose.Any(p => !string.IsNullOrWhiteSpace(p.Value)
                && (p.Key == LocalizedText.AnyCulture || CultureFallback.Chain(defaultCulture).Contains(p.Key, StringComparer.OrdinalIgnoreCase))))
        {
            reader.Report($"{processingPath}:Purpose", ConfigurationCodes.Missing,
                $"the purpose of the form's processing is required, at least in the default culture '{defaultCulture}'");
        }

        switch (processing.LegalBasis)
        {
            case null:
                reader.Report($"{processingPath}:LegalBasis", ConfigurationCodes.Missing,
                    "the legal basis is required: Contract, LegitimateInterest or LegalObligation");
                break;
            case LegalBasis.Consent:
                reader.Report($"{processingPath}:LegalBasis", ConfigurationCodes.Invalid,
                    "consent is given one box per purpose, not by sending the form: declare the purpose under OptinForms:Purposes and list it under Consents, or choose Contract, LegitimateInterest or LegalObligation");
                break;
            case LegalBasis.LegitimateInterest when processing.LegitimateInterest.Values.All(string.IsNullOrWhiteSpace):
                reader.Report($"{processingPath}:LegitimateInterest", ConfigurationCodes.Missing,
                    "a processing based on a legitimate interest states that interest (GDPR Art. 13(1)(d))");
                break;
        }

        if (processing.Retention is not { } retention)
        {
            reader.Report($"{processingPath}:Retention", ConfigurationCodes.Missing,
                "the retention of the form's data is required, for example 1095.00:00:00 (3 years)");
        }
        else if (retention <= TimeSpan.Zero)
        {
            reader.Report($"{processingPath}:Retention", ConfigurationCodes.Invalid, "the retention must be longer than zero");
        }

        var controllerPath = $"{Root}:DataProtection:Controller";
        if (ControllerOf(options.DataProtection.Controller, consents) is null && !reader.Problems.Any(p => p.Path == controllerPath))
        {
            reader.Report(controllerPath, ConfigurationCodes.Missing,
                "a form that declares a processing shows a notice that names the controller: set the controller's name and address");
        }
    }

    /// <summary>
    /// The controller named in a form's processing notice: <c>DataProtection:Controller</c>, else the one controller all
    /// of the form's consent purposes name.
    /// </summary>
    internal static string? ControllerOf(string? controller, ImmutableArray<PurposeDefinition> consents)
    {
        if (Blank(controller) is { } global)
        {
            return global.Trim();
        }

        var named = consents.IsDefaultOrEmpty ? [] : consents.Select(c => c.Controller).Distinct(StringComparer.Ordinal).ToList();
        return named is [{ } only] ? only : null;
    }
}
