using Microsoft.Extensions.Configuration;
using Optin.Forms.Schema;

namespace Optin.Forms.Jobs;

/// <summary>
/// Reads <c>OptinForms:Jobs</c> into <see cref="JobOptions"/>, recording unknown keys and wrong types with their paths
/// for the start-time check (CFG-1). <c>ConfigureJobs(...)</c> in C# applies after it.
/// </summary>
internal static class JobOptionsReader
{
    public const string SectionName = "Jobs";

    public static void Read(IConfigurationSection section, JobOptions options)
    {
        var reader = new ConfigurationReader(options.ReadProblems);
        reader.CheckKeys(section, nameof(JobOptions.PollInterval), nameof(JobOptions.Lease), nameof(JobOptions.BatchSize),
            nameof(JobOptions.MaxConcurrency), nameof(JobOptions.WakeOnCommit), nameof(JobOptions.MaxAttempts), nameof(JobOptions.RetryBaseDelay),
            nameof(JobOptions.MaxRetryDelay), nameof(JobOptions.SweepInterval));
        options.Path = section.Path;
        options.PollInterval = reader.Duration(section, nameof(JobOptions.PollInterval)) ?? options.PollInterval;
        options.Lease = reader.Duration(section, nameof(JobOptions.Lease)) ?? options.Lease;
        options.BatchSize = reader.Int(section, nameof(JobOptions.BatchSize)) ?? options.BatchSize;
        options.MaxConcurrency = reader.Int(section, nameof(JobOptions.MaxConcurrency)) ?? options.MaxConcurrency;
        options.WakeOnCommit = reader.Bool(section, nameof(JobOptions.WakeOnCommit)) ?? options.WakeOnCommit;
        options.MaxAttempts = reader.Int(section, nameof(JobOptions.MaxAttempts)) ?? options.MaxAttempts;
        options.RetryBaseDelay = reader.Duration(section, nameof(JobOptions.RetryBaseDelay)) ?? options.RetryBaseDelay;
        options.MaxRetryDelay = reader.Duration(section, nameof(JobOptions.MaxRetryDelay)) ?? options.MaxRetryDelay;
        options.SweepInterval = reader.Duration(section, nameof(JobOptions.SweepInterval)) ?? options.SweepInterval;
    }
}
