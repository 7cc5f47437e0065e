using Microsoft.Extensions.Options;

namespace Optin.Forms.Jobs;

/// <summary>Checks <see cref="JobOptions"/> at start and lists every problem with its configuration path.</summary>
internal sealed class JobOptionsValidator : IValidateOptions<JobOptions>
{
    public ValidateOptionsResult Validate(string? name, JobOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.ReadProblems.Select(p => p.ToString()).ToList();
        var path = options.Path;
        Positive(options.PollInterval, $"{path}:{nameof(JobOptions.PollInterval)}", problems);
        Positive(options.Lease, $"{path}:{nameof(JobOptions.Lease)}", problems);
        Positive(options.RetryBaseDelay, $"{path}:{nameof(JobOptions.RetryBaseDelay)}", problems);
        Positive(options.MaxRetryDelay, $"{path}:{nameof(JobOptions.MaxRetryDelay)}", problems);
        Positive(options.SweepInterval, $"{path}:{nameof(JobOptions.SweepInterval)}", problems);
        Range(options.BatchSize, 1, 1000, $"{path}:{nameof(JobOptions.BatchSize)}", problems);
        Range(options.MaxConcurrency, 1, 64, $"{path}:{nameof(JobOptions.MaxConcurrency)}", problems);
        Range(options.MaxAttempts, 1, 100, $"{path}:{nameof(JobOptions.MaxAttempts)}", problems);
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    private static void Positive(TimeSpan value, string path, List<string> problems)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{path}: must be a positive duration");
        }
    }

    private static void Range(int value, int min, int max, string path, List<string> problems)
    {
        if (value < min || value > max)
        {
            problems.Add($"{path}: must be between {min} and {max}");
        }
    }
}
