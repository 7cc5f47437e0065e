using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.DependencyInjection;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Statistics;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;
using Optin.Forms.Tests.Support;

namespace Optin.Forms.Tests.Statistics;

/// <summary>The statistics read what the engine itself writes: a real sign-up, its double opt-in email and its confirmation.</summary>
public sealed class StatisticsFlowTests
{
    [Fact]
    [Trait("Section", "Overview: statistics")]
    public async Task ComputeAsync_RealSignUpEmailAndConfirmation_CountedForTheForm_WithTheTimeToConfirm()
    {
        var clock = new FakeClock(Some.Now);
        var collection = new ServiceCollection().AddLogging();
        collection.AddOptinForms(new ConfigurationBuilder().AddInMemoryCollection(Flow.Settings()).Build().GetSection("OptinForms"))
            .UseClock(clock).UseInMemoryMailSender();
        using var services = collection.BuildServiceProvider();
        await services.GetRequiredService<SubmissionPipeline>().SubmitAsync(
            Some.Post("newsletter", ("email", Some.Email()), ("consent.newsletter", "true")), default);
        await services.GetRequiredService<JobRunner>().RunDueJobsAsync(default);
        var email = Assert.Single(services.GetRequiredService<InMemoryMailSender>().Messages);
        clock.Advance(Duration.FromMinutes(95));
        Assert.Equal(TokenStatus.Valid, await services.GetRequiredService<IDoubleOptinService>().ConfirmAsync(Flow.ConfirmToken(email), Flow.Visitor, default));

        var day = Some.Now.InUtc().Date;
        var report = await services.GetRequiredService<StatisticsService>().ComputeAsync(new StatisticsQuery(day, day.PlusDays(1)), default);

        var newsletter = Assert.Single(report.Forms, f => f.FormId == "newsletter");
        Assert.Equal(new StatisticsFigures(0, 1, 1, 1, 0), newsletter.Figures); // the email-sent entry names its form
        Assert.Equal(1.0, newsletter.Figures.ConfirmationRate);
        Assert.Equal(Duration.FromMinutes(95), newsletter.MedianTimeToConfirm);
        Assert.DoesNotContain(report.Forms, f => f.FormId is null);
    }

    [Fact]
    [Trait("Section", "Overview: counting without tracking")]
    public async Task ViewCounter_ManyRandomSources_StaysBounded_AndLosesNoView()
    {
        var clock = new FakeClock(Some.Now);
        var collection = new ServiceCollection().AddLogging();
        collection.AddOptinForms(new ConfigurationBuilder().AddInMemoryCollection(Flow.Settings()).Build().GetSection("OptinForms")).UseClock(clock);
        using var services = collection.BuildServiceProvider();
        var counter = services.GetRequiredService<ViewCounter>();

        for (var i = 0; i < ViewCounter.MaxBufferedCounters + 500; i++)
        {
            counter.Count("newsletter", null, "s" + i);
        }

        Assert.Equal(ViewCounter.MaxBufferedCounters + 1, counter.PendingCounters); // the overflow counts without its source
        Assert.Equal(ViewCounter.MaxBufferedCounters + 1, await counter.FlushAsync(default));
        Assert.Equal(0, counter.PendingCounters);
        var day = Some.Now.InUtc().Date;
        var views = await services.GetRequiredService<IOptinStore>().Statistics.ReadViewsAsync(day, day, default).ToListAsync();
        Assert.Equal(ViewCounter.MaxBufferedCounters + 500, views.Sum(v => v.Count));
        Assert.Equal(500, views.Single(v => v.Source.Length == 0).Count);
    }
}
