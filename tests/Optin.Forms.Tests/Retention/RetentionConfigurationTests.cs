using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Schema;
using Optin.Forms.Tests.Schema;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Retention;

public sealed class RetentionConfigurationTests
{
    [Fact]
    [Trait("Requirement", "RET-1")]
    public void Read_NoRetentionSection_DefaultsToThreeYearsDailyNotDryRun()
    {
        var options = StartupValidationTests.Read(Some.Settings()).Retention;

        Assert.True(options.Enabled);
        Assert.False(options.DryRun);
        Assert.Equal(TimeSpan.FromDays(1095), options.DefaultProspectRetention);
        Assert.Equal(TimeSpan.FromDays(1), options.Interval);
        Assert.Equal(100, options.BatchSize);
    }

    [Fact]
    [Trait("Requirement", "RET-2")]
    public void Read_RetentionKeys_AreRead()
    {
        var options = StartupValidationTests.Read(StartupValidationTests.With(
            ("OptinForms:Retention:Enabled", "false"), ("OptinForms:Retention:Interval", "06:00:00"),
            ("OptinForms:Retention:DryRun", "true"), ("OptinForms:Retention:DefaultProspectRetention", "730.00:00:00"),
            ("OptinForms:Retention:BatchSize", "50"))).Retention;

        Assert.False(options.Enabled);
        Assert.True(options.DryRun);
        Assert.Equal(TimeSpan.FromHours(6), options.Interval);
        Assert.Equal(TimeSpan.FromDays(730), options.DefaultProspectRetention);
        Assert.Equal(50, options.BatchSize);
    }

    [Fact]
    [Trait("Requirement", "CFG-1")]
    public void Start_UnknownOrInvalidRetentionKeys_FailWithTheirPaths()
    {
        using var services = Some.Services(out _, StartupValidationTests.With(
            ("OptinForms:Retention:DryRn", "true"), ("OptinForms:Retention:BatchSize", "0"),
            ("OptinForms:Retention:DefaultProspectRetention", "-1.00:00:00"), ("OptinForms:Retention:Enabled", "maybe")));

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        var failures = string.Join("\n", ex.Failures);
        Assert.Contains("OptinForms:Retention:DryRn: unknown key 'DryRn'", failures, StringComparison.Ordinal);
        Assert.Contains("OptinForms:Retention:BatchSize: must be between 1 and 10000", failures, StringComparison.Ordinal);
        Assert.Contains("OptinForms:Retention:DefaultProspectRetention: must be a positive duration", failures, StringComparison.Ordinal);
        Assert.Contains("OptinForms:Retention:Enabled", failures, StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Requirement", "RET-4")]
    public void Read_LibraryRecordKeys_DefaultAndAreRead_AndMustBePositive()
    {
        var defaults = StartupValidationTests.Read(Some.Settings()).Retention;
        var read = StartupValidationTests.Read(StartupValidationTests.With(("OptinForms:Retention:FinishedJobs", "30.00:00:00"),
            ("OptinForms:Retention:Tombstones", "60.00:00:00"), ("OptinForms:Retention:Archive", "true"),
            ("OptinForms:Retention:ArchivePeriod", "90.00:00:00"))).Retention;
        using var services = Some.Services(out _, StartupValidationTests.With(("OptinForms:Retention:FinishedJobs", "00:00:00"),
            ("OptinForms:Retention:Tombstones", "-1.00:00:00"), ("OptinForms:Retention:ArchivePeriod", "00:00:00")));

        var ex = Assert.ThrowsAny<OptionsValidationException>(() => services.GetRequiredService<IOptions<OptinFormsOptions>>().Value);

        Assert.Equal((TimeSpan.FromDays(1095), TimeSpan.FromDays(1826), false, TimeSpan.FromDays(1826)),
            (defaults.FinishedJobs, defaults.Tombstones, defaults.Archive, defaults.ArchivePeriod));
        Assert.Equal((TimeSpan.FromDays(30), TimeSpan.FromDays(60), true, TimeSpan.FromDays(90)), (read.FinishedJobs, read.Tombstones, read.Archive, read.ArchivePeriod));
        var failures = string.Join("\n", ex.Failures);
        Assert.Contains("OptinForms:Retention:FinishedJobs: must be a positive duration", failures, StringComparison.Ordinal);
        Assert.Contains("OptinForms:Retention:Tombstones: must be a positive duration", failures, StringComparison.Ordinal);
        Assert.Contains("OptinForms:Retention:ArchivePeriod: must be a positive duration", failures, StringComparison.Ordinal);
    }
}
