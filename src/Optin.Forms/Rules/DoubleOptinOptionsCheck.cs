using MimeKit;
using Optin.Forms.Schema;

namespace Optin.Forms.Rules;

/// <summary>Checks <c>OptinForms:DoubleOptin</c>, <c>OptinForms:Retention</c> and <c>OptinForms:Mail</c> values.</summary>
internal static class DoubleOptinOptionsCheck
{
    private const string Root = OptinFormsOptions.SectionName;

    public static void Check(OptinFormsOptions options, List<ConfigurationProblem> problems)
    {
        var doi = options.DoubleOptin;
        Positive(doi.TokenLifetime, "TokenLifetime", problems);
        Positive(doi.DeleteUnconfirmedAfter, "DeleteUnconfirmedAfter", problems);
        Positive(doi.SuppressAfterRejection, "SuppressAfterRejection", problems);
        Positive(doi.UnsubscribeTokenLifetime, "UnsubscribeTokenLifetime", problems);
        Positive(doi.PreferencesTokenLifetime, "PreferencesTokenLifetime", problems);
        if (doi.MaxSendsPerPending < 1)
        {
            problems.Add(new($"{Root}:DoubleOptin:MaxSendsPerPending", ConfigurationCodes.Invalid, "must be at least 1"));
        }

        if (doi.MaxSendsPerAddressPerDay < 1)
        {
            problems.Add(new($"{Root}:DoubleOptin:MaxSendsPerAddressPerDay", ConfigurationCodes.Invalid, "must be at least 1"));
        }

        if (doi.QueryBatchSize is < 1 or > 10_000)
        {
            problems.Add(new($"{Root}:DoubleOptin:QueryBatchSize", ConfigurationCodes.Invalid, "must be between 1 and 10000"));
        }

        if (doi.QueryRequestsPerMinute is < 1 or > 1_000_000)
        {
            problems.Add(new($"{Root}:DoubleOptin:QueryRequestsPerMinute", ConfigurationCodes.Invalid, "must be between 1 and 1000000"));
        }

        if (doi.DeleteUnconfirmedAfter < doi.TokenLifetime)
        {
            problems.Add(new($"{Root}:DoubleOptin:DeleteUnconfirmedAfter", ConfigurationCodes.Invalid,
                "must be at least TokenLifetime, or links would outlive the record they confirm"));
        }

        if (doi.ConfirmedPage is { } page && !FormCatalogCompiler.IsLocalPath(page))
        {
            problems.Add(new($"{Root}:DoubleOptin:ConfirmedPage", ConfigurationCodes.Invalid, $"'{page}' is not a local path such as /merci (SEC-2)"));
        }

        if (!options.PathPrefix.StartsWith('/') || options.PathPrefix.StartsWith("//", StringComparison.Ordinal)
            || options.PathPrefix.AsSpan().IndexOfAny('\\', '?', '#') >= 0)
        {
            problems.Add(new($"{Root}:PathPrefix", ConfigurationCodes.Invalid, $"'{options.PathPrefix}' is not a local path such as /optin"));
        }

        if (options.Mail.From is { } from && (from.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0 || !MailboxAddress.TryParse(from, out _)))
        {
            problems.Add(new($"{Root}:Mail:From", ConfigurationCodes.Invalid, "not a mailbox such as Atelier Dupont <bonjour@atelier-dupont.example> (SEC-3)"));
        }

        var retention = options.Retention;
        Positive(retention.Interval, "Interval", problems, "Retention");
        Positive(retention.DefaultProspectRetention, "DefaultProspectRetention", problems, "Retention");
        Positive(retention.FinishedJobs, "FinishedJobs", problems, "Retention"); // RET-4: zero or less deletes at once
        Positive(retention.Tombstones, "Tombstones", problems, "Retention");
        Positive(retention.ArchivePeriod, "ArchivePeriod", problems, "Retention");
        if (retention.BatchSize is < 1 or > 10_000)
        {
            problems.Add(new($"{Root}:Retention:BatchSize", ConfigurationCodes.Invalid, "must be between 1 and 10000"));
        }

        if (string.IsNullOrWhiteSpace(options.Mail.PickupDirectory))
        {
            problems.Add(new($"{Root}:Mail:Pickup:Directory", ConfigurationCodes.Missing, "the pickup directory is empty"));
        }
    }

    private static void Positive(TimeSpan value, string key, List<ConfigurationProblem> problems, string section = "DoubleOptin")
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add(new($"{Root}:{section}:{key}", ConfigurationCodes.Invalid, "must be a positive duration"));
        }
    }
}
