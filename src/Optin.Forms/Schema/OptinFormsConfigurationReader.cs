using Microsoft.Extensions.Configuration;

namespace Optin.Forms.Schema;

/// <summary>
/// Reads the <c>OptinForms</c> configuration section into <see cref="OptinFormsOptions"/>, recording unknown keys
/// and wrong types with their paths rather than throwing at the first one (CFG-1).
/// </summary>
/// <remarks>
/// A hand-written reader rather than the configuration binder: the binder silently ignores unknown keys and
/// cannot say where a wrong value stands, and a consent setting that is silently ignored is a compliance bug.
/// </remarks>
public static partial class OptinFormsConfigurationReader
{
    /// <summary>
    /// Sections read by other parts of Optin.Forms (rules, templates, double opt-in, abuse guards, mail, storage,
    /// admin); their owners validate their content.
    /// </summary>
    public static IReadOnlyCollection<string> DelegatedSections { get; } =
        ["Abuse", "Storage", "Admin", "Webhooks", "Jobs", "Deliverability"];

    /// <summary>Reads <paramref name="section"/> into <paramref name="options"/>.</summary>
    /// <param name="section">The <c>OptinForms</c> section.</param>
    /// <param name="options">The options to fill; values already there and absent from configuration are kept.</param>
    public static void Read(IConfiguration section, OptinFormsOptions options)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(options);

        var root = section as IConfigurationSection ?? section.GetSection(OptinFormsOptions.SectionName);
        var reader = new ConfigurationReader(options.ReadProblems);

        reader.CheckKeys(root, [
            nameof(OptinFormsOptions.BaseUrl), nameof(OptinFormsOptions.PathPrefix), nameof(OptinFormsOptions.DefaultCulture),
            nameof(OptinFormsOptions.DataProtection), nameof(OptinFormsOptions.Purposes),
            nameof(OptinFormsOptions.Forms), nameof(OptinFormsOptions.LandingPages), nameof(OptinFormsOptions.Rules),
            nameof(OptinFormsOptions.Templates), nameof(OptinFormsOptions.TemplateRoot), nameof(OptinFormsOptions.DoubleOptin),
            nameof(OptinFormsOptions.Mail), nameof(OptinFormsOptions.Retention), .. DelegatedSections]);

        options.BaseUrl = reader.String(root, nameof(OptinFormsOptions.BaseUrl)) ?? options.BaseUrl;
        options.DefaultCulture = reader.String(root, nameof(OptinFormsOptions.DefaultCulture)) ?? options.DefaultCulture;
        options.PathPrefix = reader.String(root, nameof(OptinFormsOptions.PathPrefix)) is { Length: > 0 } prefix ? prefix : options.PathPrefix;

        ReadDataProtection(reader, root.GetSection(nameof(OptinFormsOptions.DataProtection)), options.DataProtection);
        ReadEngineSections(reader, root, options);

        foreach (var purpose in root.GetSection(nameof(OptinFormsOptions.Purposes)).GetChildren())
        {
            options.Purposes[purpose.Key] = ReadPurpose(reader, purpose, options.Purposes.GetValueOrDefault(purpose.Key) ?? new());
        }

        foreach (var form in root.GetSection(nameof(OptinFormsOptions.Forms)).GetChildren())
        {
            options.Forms[form.Key] = ReadForm(reader, form);
        }

        foreach (var page in root.GetSection(nameof(OptinFormsOptions.LandingPages)).GetChildren())
        {
            options.LandingPages[page.Key] = ReadLandingPage(reader, page);
        }
    }

    private static void ReadDataProtection(ConfigurationReader reader, IConfigurationSection section, DataProtectionOptions target)
    {
        reader.CheckKeys(section, nameof(DataProtectionOptions.Controller), nameof(DataProtectionOptions.PrivacyNoticeUrl),
            nameof(DataProtectionOptions.IpAddress), nameof(DataProtectionOptions.UserAgent),
            nameof(DataProtectionOptions.ControllerContact), nameof(DataProtectionOptions.Dpo),
            nameof(DataProtectionOptions.SupervisoryAuthority), nameof(DataProtectionOptions.SecurityMeasures),
            nameof(DataProtectionOptions.Transfers), nameof(DataProtectionOptions.TimeZone));
        target.TimeZone = reader.String(section, nameof(DataProtectionOptions.TimeZone)) ?? target.TimeZone;
        target.ControllerContact = reader.String(section, nameof(DataProtectionOptions.ControllerContact)) ?? target.ControllerContact;
        target.Dpo = reader.String(section, nameof(DataProtectionOptions.Dpo)) ?? target.Dpo;
        target.SupervisoryAuthority = reader.String(section, nameof(DataProtectionOptions.SupervisoryAuthority)) ?? target.SupervisoryAuthority;
        reader.Localized(section, nameof(DataProtectionOptions.SecurityMeasures), target.SecurityMeasures);
        reader.Localized(section, nameof(DataProtectionOptions.Transfers), target.Transfers);
        target.Controller = reader.String(section, nameof(DataProtectionOptions.Controller)) ?? target.Controller;
        target.PrivacyNoticeUrl = reader.String(section, nameof(DataProtectionOptions.PrivacyNoticeUrl)) ?? target.PrivacyNoticeUrl;
        target.IpAddress = reader.Enum<CaptureMode>(section, nameof(DataProtectionOptions.IpAddress)) ?? target.IpAddress;
        target.UserAgent = reader.Enum<CaptureMode>(section, nameof(DataProtectionOptions.UserAgent)) ?? target.UserAgent;
    }

    private static PurposeOptions ReadPurpose(ConfigurationReader reader, IConfigurationSection section, PurposeOptions purpose)
    {
        reader.CheckKeys(section, nameof(PurposeOptions.Marketing), nameof(PurposeOptions.Retention),
            nameof(PurposeOptions.Controller), nameof(PurposeOptions.PrivacyNoticeUrl), nameof(PurposeOptions.Texts));
        purpose.Marketing = reader.Bool(section, nameof(PurposeOptions.Marketing)) ?? purpose.Marketing;
        purpose.Retention = reader.Duration(section, nameof(PurposeOptions.Retention)) ?? purpose.Retention;
        purpose.Controller = reader.String(section, nameof(PurposeOptions.Controller)) ?? purpose.Controller;
        purpose.PrivacyNoticeUrl = reader.String(section, nameof(PurposeOptions.PrivacyNoticeUrl)) ?? purpose.PrivacyNoticeUrl;
        foreach (var culture in section.GetSection(nameof(PurposeOptions.Texts)).GetChildren())
        {
            if (!ConfigurationReader.IsCultureName(culture.Key))
            {
                reader.Report(culture.Path, ConfigurationCodes.UnknownKey, $"'{culture.Key}' is not a culture name such as fr or en-GB");
                continue;
            }

            reader.CheckKeys(culture, nameof(PurposeTextOptions.Consent), nameof(PurposeTextOptions.Purpose));
            purpose.Texts[culture.Key] = new PurposeTextOptions
            {
                Consent = reader.String(culture, nameof(PurposeTextOptions.Consent)),
                Purpose = reader.String(culture, nameof(PurposeTextOptions.Purpose)),
            };
        }

        return purpose;
    }

    private static FormOptions ReadForm(ConfigurationReader reader, IConfigurationSection section)
    {
        reader.CheckKeys(section, nameof(FormOptions.Title), nameof(FormOptions.Fields), nameof(FormOptions.Consents),
            nameof(FormOptions.SuccessPage), nameof(FormOptions.DoubleOptin), nameof(FormOptions.ContactKind),
            nameof(FormOptions.Processing), nameof(FormOptions.Abuse), nameof(FormOptions.DefaultRegion), nameof(FormOptions.Steps));
        var form = new FormOptions
        {
            DefaultRegion = reader.String(section, nameof(FormOptions.DefaultRegion)),
            SuccessPage = reader.String(section, nameof(FormOptions.SuccessPage)),
            DoubleOptin = reader.Bool(section, nameof(FormOptions.DoubleOptin)) ?? true,
            ContactKind = reader.Enum<Contacts.ContactKind>(section, nameof(FormOptions.ContactKind)) ?? Contacts.ContactKind.Lead,
        };
        reader.Localized(section, nameof(FormOptions.Title), form.Title);
        var abuse = section.GetSection(nameof(FormOptions.Abuse));
        reader.CheckKeys(abuse, nameof(FormAbuseOptions.Challenge));
        form.Abuse.Challenge = reader.Bool(abuse, nameof(FormAbuseOptions.Challenge)) ?? false;
        if (section.GetSection(nameof(FormOptions.Processing)).Exists())
        {
            form.Processing = ReadProcessing(reader, section.GetSection(nameof(FormOptions.Processing)));
        }

        foreach (var field in ConfigurationReader.Items(section.GetSection(nameof(FormOptions.Fields))))
        {
            form.Fields.Add(ReadField(reader, field));
        }

        ReadSteps(reader, section, form);
        foreach (var consent in ConfigurationReader.Items(section.GetSection(nameof(FormOptions.Consents))))
        {
            // A layered configuration (appsettings.json + an environment file) can give one entry both a plain value
            // and object keys; the object keys must still be read, or a "Checked": true would slip through (CONS-2).
            if (!consent.GetChildren().Any())
            {
                form.Consents.Add(new ConsentOptions { Purpose = consent.Value });
                continue;
            }

            var conditional = RefuseConditionalConsent(reader, consent);
            reader.CheckKeys(consent, [nameof(ConsentOptions.Purpose), nameof(ConsentOptions.Purposes), nameof(ConsentOptions.Checked), .. conditional]);
            form.Consents.Add(new ConsentOptions
            {
                Purpose = reader.String(consent, nameof(ConsentOptions.Purpose)) ?? consent.Value,
                Purposes = reader.StringList(consent, nameof(ConsentOptions.Purposes)),
                Checked = reader.Bool(consent, nameof(ConsentOptions.Checked)) ?? false,
            });
        }

        return form;
    }

    private static ProcessingOptions ReadProcessing(ConfigurationReader reader, IConfigurationSection section)
    {
        reader.CheckKeys(section, nameof(ProcessingOptions.Purpose), nameof(ProcessingOptions.LegalBasis),
            nameof(ProcessingOptions.LegitimateInterest), nameof(ProcessingOptions.Recipients), nameof(ProcessingOptions.Retention),
            nameof(ProcessingOptions.DataSubjects));
        var processing = new ProcessingOptions
        {
            LegalBasis = reader.Enum<LegalBasis>(section, nameof(ProcessingOptions.LegalBasis)),
            Retention = reader.Duration(section, nameof(ProcessingOptions.Retention)),
        };
        reader.Localized(section, nameof(ProcessingOptions.Purpose), processing.Purpose);
        reader.Localized(section, nameof(ProcessingOptions.LegitimateInterest), processing.LegitimateInterest);
        reader.Localized(section, nameof(ProcessingOptions.Recipients), processing.Recipients);
        reader.Localized(section, nameof(ProcessingOptions.DataSubjects), processing.DataSubjects);
        return processing;
    }

    private static FieldOptions ReadField(ConfigurationReader reader, IConfigurationSection section)
    {
        reader.CheckKeys(section, nameof(FieldOptions.Name), nameof(FieldOptions.Kind), nameof(FieldOptions.Required),
            nameof(FieldOptions.MaxLength), nameof(FieldOptions.Pattern), nameof(FieldOptions.Label),
            nameof(FieldOptions.Options), nameof(FieldOptions.Value), nameof(FieldOptions.Min), nameof(FieldOptions.Max),
            nameof(FieldOptions.MaxChoices), nameof(FieldOptions.DefaultRegion), nameof(FieldOptions.ShowWhen));
        var field = new FieldOptions
        {
            Name = reader.String(section, nameof(FieldOptions.Name)),
            Kind = reader.Enum<FieldKind>(section, nameof(FieldOptions.Kind)) ?? FieldKind.Text,
            Required = reader.Bool(section, nameof(FieldOptions.Required)) ?? false,
            MaxLength = reader.Int(section, nameof(FieldOptions.MaxLength)),
            Pattern = reader.String(section, nameof(FieldOptions.Pattern)),
            Value = reader.String(section, nameof(FieldOptions.Value)),
            Min = reader.String(section, nameof(FieldOptions.Min)),
            Max = reader.String(section, nameof(FieldOptions.Max)),
            MaxChoices = reader.Int(section, nameof(FieldOptions.MaxChoices)),
            DefaultRegion = reader.String(section, nameof(FieldOptions.DefaultRegion)),
            ShowWhen = ReadShowWhen(reader, section.GetSection(nameof(FieldOptions.ShowWhen))),
        };
        reader.Localized(section, nameof(FieldOptions.Label), field.Label);

        foreach (var option in ConfigurationReader.Items(section.GetSection(nameof(FieldOptions.Options))))
        {
            if (!option.GetChildren().Any())
            {
                field.Options.Add(new FieldOptionOptions { Value = option.Value });
                continue;
            }

            reader.CheckKeys(option, nameof(FieldOptionOptions.Value), nameof(FieldOptionOptions.Label));
            var choice = new FieldOptionOptions { Value = reader.String(option, nameof(FieldOptionOptions.Value)) ?? option.Value };
            reader.Localized(option, nameof(FieldOptionOptions.Label), choice.Label);
            field.Options.Add(choice);
        }

        return field;
    }

    private static LandingPageOptions ReadLandingPage(ConfigurationReader reader, IConfigurationSection section)
    {
        reader.CheckKeys(section, nameof(LandingPageOptions.Path), nameof(LandingPageOptions.Title),
            nameof(LandingPageOptions.Template), nameof(LandingPageOptions.Form),
            nameof(LandingPageOptions.Layout), nameof(LandingPageOptions.Variants));
        var page = new LandingPageOptions
        {
            Path = reader.String(section, nameof(LandingPageOptions.Path)),
            Template = reader.String(section, nameof(LandingPageOptions.Template)),
            Layout = reader.Enum<LandingLayout>(section, nameof(LandingPageOptions.Layout)) ?? LandingLayout.Default,
            Form = reader.String(section, nameof(LandingPageOptions.Form)),
        };
        reader.Localized(section, nameof(LandingPageOptions.Title), page.Title);
        foreach (var variant in section.GetSection(nameof(LandingPageOptions.Variants)).GetChildren())
        {
            reader.CheckKeys(variant, nameof(LandingPageVariantOptions.Weight), nameof(LandingPageVariantOptions.Template),
                nameof(LandingPageVariantOptions.Form));
            page.Variants[variant.Key] = new LandingPageVariantOptions
            {
                Weight = reader.Int(variant, nameof(LandingPageVariantOptions.Weight)),
                Template = reader.String(variant, nameof(LandingPageVariantOptions.Template)),
                Form = reader.String(variant, nameof(LandingPageVariantOptions.Form)),
            };
        }

        return page;
    }
}
