using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Jobs;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Jobs;

public sealed class JobOptionsConfigurationTests
{
    private static JobOptions Read(params (string Key, string Value)[] pairs)
    {
        var settings = Some.Settings();
        foreach (var (key, value) in pairs)
        {
            settings[key] = value;
        }

        using var services = Some.Services(out _, settings);
        return services.GetRequiredService<IOptions<JobOptions>>().Value;
    }

    [Fact]
    public void Jobs_Absent_KeepsTheDefaults()
    {
        var options = Read();

        Assert.Equal(TimeSpan.FromMilliseconds(250), options.PollInterval);
        Assert.Equal(8, options.MaxConcurrency);
        Assert.True(options.WakeOnCommit);
    }

    [Fact]
    public void Jobs_Set_AreRead()
    {
        var options = Read(("OptinForms:Jobs:MaxConcurrency", "16"), ("OptinForms:Jobs:WakeOnCommit", "false"),
            ("OptinForms:Jobs:PollInterval", "00:00:01"));

        Assert.Equal(16, options.MaxConcurrency);
        Assert.False(options.WakeOnCommit);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PollInterval);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Jobs_InvalidValues_FailAtStartWithEachPath()
    {
        var failure = Assert.ThrowsAny<OptionsValidationException>(() => Read(("OptinForms:Jobs:MaxConcurrency", "0"),
            ("OptinForms:Jobs:PollInterval", "soon"), ("OptinForms:Jobs:MaxConcurency", "4")));

        Assert.Contains("OptinForms:Jobs:MaxConcurrency: must be between 1 and 64", failure.Failures);
        Assert.Contains(failure.Failures, f => f.StartsWith("OptinForms:Jobs:PollInterval: ", StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.StartsWith("OptinForms:Jobs:MaxConcurency: unknown key", StringComparison.Ordinal));
    }
}
