using System.Globalization;
using Microsoft.Extensions.Configuration;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Mail;
using Optin.Forms.Retention;
using Optin.Forms.Rules;
using Optin.Forms.Templates;

namespace Optin.Forms.Schema;

/// <content>Reads rules, templates, double opt-in, retention and mail settings (<c>Mail:Smtp</c> is read by the MailKit package).</content>
public static partial class OptinFormsConfigurationReader
{
    private static void ReadEngineSections(ConfigurationReader reader, IConfigurationSection root, OptinFormsOptions options)
    {
        options.TemplateRoot = reader.String(root, nameof(OptinFormsOptions.TemplateRoot)) ?? options.TemplateRoot;
        foreach (var rule in ConfigurationReader.Items(root.GetSection(nameof(OptinFormsOptions.Rules))))
        {
            options.Rules.Add(ReadRule(reader, rule));
        }

        foreach (var template in root.GetSection(nameof(OptinFormsOptions.Templates)).GetChildren())
        {
            options.Templates[template.Key] = ReadTemplate(reader, template);
        }

        var doi = root.GetSection(nameof(OptinFormsOptions.DoubleOptin));
        var d = options.DoubleOptin;
        reader.CheckKeys(doi, nameof(d.TokenLifetime), nameof(d.ConfirmationMode), nameof(d.MaxSendsPerPending), nameof(d.MaxSendsPerAddressPerDay),
            nameof(d.DeleteUnconfirmedAfter), nameof(d.ConfirmedPage), nameof(d.SuppressAfterRejection), nameof(d.UnsubscribeTokenLifetime), nameof(d.HashKey),
            nameof(d.SuppressAfterErasure), nameof(d.QueryBatchSize), nameof(d.QueryRequestsPerMinute), nameof(d.PreferencesTokenLifetime));
        d.TokenLifetime = reader.Duration(doi, nameof(d.TokenLifetime)) ?? d.TokenLifetime;
        d.ConfirmationMode = reader.Enum<ConfirmationMode>(doi, nameof(d.ConfirmationMode)) ?? d.ConfirmationMode;
        d.MaxSendsPerPending = reader.Int(doi, nameof(d.MaxSendsPerPending)) ?? d.MaxSendsPerPending;
        d.MaxSendsPerAddressPerDay = reader.Int(doi, nameof(d.MaxSendsPerAddressPerDay)) ?? d.MaxSendsPerAddressPerDay;
        d.DeleteUnconfirmedAfter = reader.Duration(doi, nameof(d.DeleteUnconfirmedAfter)) ?? d.DeleteUnconfirmedAfter;
        d.ConfirmedPage = reader.String(doi, nameof(d.ConfirmedPage)) ?? d.ConfirmedPage;
        d.SuppressAfterRejection = reader.Duration(doi, nameof(d.SuppressAfterRejection)) ?? d.SuppressAfterRejection;
        d.UnsubscribeTokenLifetime = reader.Duration(doi, nameof(d.UnsubscribeTokenLifetime)) ?? d.UnsubscribeTokenLifetime;
        d.PreferencesTokenLifetime = reader.Duration(doi, nameof(d.PreferencesTokenLifetime)) ?? d.PreferencesTokenLifetime;
        d.HashKey = reader.String(doi, nameof(d.HashKey)) ?? d.HashKey;
        d.SuppressAfterErasure = reader.Duration(doi, nameof(d.SuppressAfterErasure)) ?? d.SuppressAfterErasure;
        d.QueryBatchSize = reader.Int(doi, nameof(d.QueryBatchSize)) ?? d.QueryBatchSize;
        d.QueryRequestsPerMinute = reader.Int(doi, nameof(d.QueryRequestsPerMinute)) ?? d.QueryRequestsPerMinute;

        var retention = root.GetSection(nameof(OptinFormsOptions.Retention));
        var r = options.Retention;
        reader.CheckKeys(retention, nameof(r.Enabled), nameof(r.Interval), nameof(r.DryRun), nameof(r.DefaultProspectRetention), nameof(r.BatchSize),
            nameof(r.FinishedJobs), nameof(r.Tombstones), nameof(r.Archive), nameof(r.ArchivePeriod));
        r.FinishedJobs = reader.Duration(retention, nameof(r.FinishedJobs)) ?? r.FinishedJobs;
        r.Tombstones = reader.Duration(retention, nameof(r.Tombstones)) ?? r.Tombstones;
        r.Archive = reader.Bool(retention, nameof(r.Archive)) ?? r.Archive;
        r.ArchivePeriod = reader.Duration(retention, nameof(r.ArchivePeriod)) ?? r.ArchivePeriod;
        r.Enabled = reader.Bool(retention, nameof(r.Enabled)) ?? r.Enabled;
        r.Interval = reader.Duration(retention, nameof(r.Interval)) ?? r.Interval;
        r.DryRun = reader.Bool(retention, nameof(r.DryRun)) ?? r.DryRun;
        r.DefaultProspectRetention = reader.Duration(retention, nameof(r.DefaultProspectRetention)) ?? r.DefaultProspectRetention;
        r.BatchSize = reader.Int(retention, nameof(r.BatchSize)) ?? r.BatchSize;

        var mail = root.GetSection(nameof(OptinFormsOptions.Mail));
        reader.CheckKeys(mail, nameof(MailOptions.From), nameof(MailOptions.Sender), "Pickup", "Smtp");
        reader.CheckKeys(mail.GetSection("Pickup"), "Directory");
        options.Mail.From = reader.String(mail, nameof(MailOptions.From)) ?? options.Mail.From;
        options.Mail.Sender = reader.Enum<MailSenderKind>(mail, nameof(MailOptions.Sender)) ?? options.Mail.Sender;
        options.Mail.PickupDirectory = reader.String(mail.GetSection("Pickup"), "Directory") ?? options.Mail.PickupDirectory;
        options.Mail.SmtpHost = mail.GetSection("Smtp")["Host"] ?? options.Mail.SmtpHost; // for the record of processing (ROPA-2)
    }

    /// <summary>
    /// Reads one template, each part either one text, one per culture (<c>Html:fr</c>) or grouped by culture
    /// (<c>fr:Html</c>); the landing pages and the <c>optin check</c> command read templates through here only.
    /// </summary>
    private static EmailTemplateOptions ReadTemplate(ConfigurationReader reader, IConfigurationSection template)
    {
        string[] parts = [nameof(EmailTemplateOptions.Subject), nameof(EmailTemplateOptions.Html), nameof(EmailTemplateOptions.Text),
            nameof(EmailTemplateOptions.HtmlFile), nameof(EmailTemplateOptions.TextFile)];
        var target = new EmailTemplateOptions { Marketing = reader.Bool(template, nameof(EmailTemplateOptions.Marketing)) };
        foreach (var part in parts)
        {
            reader.Localized(template, part, Part(target, part));
        }

        foreach (var child in template.GetChildren())
        {
            if (string.Equals(child.Key, nameof(EmailTemplateOptions.Marketing), StringComparison.OrdinalIgnoreCase)
                || parts.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!ConfigurationReader.IsCultureName(child.Key))
            {
                reader.Report(child.Path, ConfigurationCodes.UnknownKey,
                    $"unknown key '{child.Key}'; expected one of: {nameof(EmailTemplateOptions.Marketing)}, {string.Join(", ", parts)}, or a culture name such as fr holding them");
                continue;
            }

            reader.CheckKeys(child, parts);
            foreach (var part in parts)
            {
                if (reader.String(child, part) is { } text)
                {
                    Part(target, part)[child.Key] = text;
                }
            }
        }

        return target;
    }

    private static Dictionary<string, string> Part(EmailTemplateOptions template, string part) => part switch
    {
        nameof(EmailTemplateOptions.Subject) => template.Subject,
        nameof(EmailTemplateOptions.Html) => template.Html,
        nameof(EmailTemplateOptions.Text) => template.Text,
        nameof(EmailTemplateOptions.HtmlFile) => template.HtmlFile,
        _ => template.TextFile,
    };

    private static RuleOptions ReadRule(ConfigurationReader reader, IConfigurationSection section)
    {
        reader.CheckKeys(section, nameof(RuleOptions.Name), nameof(RuleOptions.When), nameof(RuleOptions.Forms), nameof(RuleOptions.If),
            nameof(RuleOptions.Then), nameof(RuleOptions.Enabled));
        var rule = new RuleOptions
        {
            Name = reader.String(section, nameof(RuleOptions.Name)),
            When = reader.String(section, nameof(RuleOptions.When)),
            Forms = reader.StringList(section, nameof(RuleOptions.Forms)) ?? [],
            Enabled = reader.Bool(section, nameof(RuleOptions.Enabled)) ?? true,
        };
        var condition = section.GetSection(nameof(RuleOptions.If));
        if (condition.Exists())
        {
            rule.If = ReadCondition(reader, condition);
        }

        foreach (var step in ConfigurationReader.Items(section.GetSection(nameof(RuleOptions.Then))))
        {
            reader.CheckKeys(step, nameof(RuleActionOptions.Action), nameof(RuleActionOptions.Args));
            var action = new RuleActionOptions { Action = reader.String(step, nameof(RuleActionOptions.Action)) };
            _ = Pairs(reader, step.GetSection(nameof(RuleActionOptions.Args)), action.Args, lists: true);
            rule.Then.Add(action);
        }

        return rule;
    }

    private static RuleConditionOptions ReadCondition(ConfigurationReader reader, IConfigurationSection section)
    {
        var c = new RuleConditionOptions
        {
            FormIs = reader.String(section, nameof(RuleConditionOptions.FormIs)),
            LandingPageIs = reader.String(section, nameof(RuleConditionOptions.LandingPageIs)),
            VariantIs = reader.String(section, nameof(RuleConditionOptions.VariantIs)),
            SourceIs = reader.String(section, nameof(RuleConditionOptions.SourceIs)),
            ConsentGiven = reader.String(section, nameof(RuleConditionOptions.ConsentGiven)),
            Purpose = reader.String(section, nameof(RuleConditionOptions.Purpose)),
            ContactKind = reader.Enum<ContactKind>(section, nameof(RuleConditionOptions.ContactKind)),
            Culture = reader.String(section, nameof(RuleConditionOptions.Culture)),
            FieldIsEmpty = reader.StringList(section, nameof(RuleConditionOptions.FieldIsEmpty)) ?? [],
        };
        foreach (var (key, value) in Pairs(reader, section.GetSection(nameof(RuleConditionOptions.FieldEquals)), []))
        {
            c.FieldEquals[key] = value ?? string.Empty;
        }

        foreach (var (key, value) in Pairs(reader, section.GetSection(nameof(RuleConditionOptions.FieldMatches)), []))
        {
            c.FieldMatches[key] = value ?? string.Empty;
        }
        foreach (var state in section.GetSection(nameof(RuleConditionOptions.OptinState)).GetChildren())
        {
            if (reader.Enum<OptinState>(section.GetSection(nameof(RuleConditionOptions.OptinState)), state.Key) is { } value)
            {
                c.OptinState[state.Key] = value;
            }
        }

        c.All.AddRange(ConfigurationReader.Items(section.GetSection(nameof(RuleConditionOptions.All))).Select(s => ReadCondition(reader, s)));
        c.Any.AddRange(ConfigurationReader.Items(section.GetSection(nameof(RuleConditionOptions.Any))).Select(s => ReadCondition(reader, s)));
        string[] known = [nameof(RuleConditionOptions.FormIs), nameof(RuleConditionOptions.LandingPageIs), nameof(RuleConditionOptions.VariantIs), nameof(RuleConditionOptions.SourceIs), nameof(RuleConditionOptions.ConsentGiven), nameof(RuleConditionOptions.Purpose), nameof(RuleConditionOptions.ContactKind), nameof(RuleConditionOptions.Culture), nameof(RuleConditionOptions.FieldIsEmpty),
            nameof(RuleConditionOptions.FieldEquals), nameof(RuleConditionOptions.FieldMatches), nameof(RuleConditionOptions.OptinState), nameof(RuleConditionOptions.All), nameof(RuleConditionOptions.Any)];
        foreach (var custom in section.GetChildren().Where(s => !known.Contains(s.Key, StringComparer.OrdinalIgnoreCase)))
        {
            // Host conditions are checked by name at start, once the registered ones are known.
            var args = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (custom.Value is not null)
            {
                args["Value"] = custom.Value;
            }

            _ = Pairs(reader, custom, args);
            c.Custom[custom.Key] = args;
        }

        return c;
    }

    /// <summary>Reads text values by key; with <paramref name="lists"/>, a list of texts (<c>["a", "b"]</c>) too, joined by commas.</summary>
    private static Dictionary<string, string?> Pairs(ConfigurationReader reader, IConfigurationSection section, Dictionary<string, string?> target,
        bool lists = false)
    {
        foreach (var child in section.GetChildren())
        {
            // An empty text beside items is a layered configuration's JSON [] (see ConfigurationReader.TextList): the items count.
            if (lists && string.IsNullOrEmpty(child.Value) && child.GetChildren().ToList() is { Count: > 0 } items
                && items.TrueForAll(i => i.Value is not null && int.TryParse(i.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                target[child.Key] = string.Join(",", ConfigurationReader.Items(child).Select(i => i.Value));
                continue;
            }

            if (string.IsNullOrEmpty(child.Value) && child.GetChildren().Any())
            {
                reader.Report(child.Path, ConfigurationCodes.WrongType, "expected a text value, found a section");
                continue;
            }

            target[child.Key] = child.Value;
        }

        return target;
    }
}
