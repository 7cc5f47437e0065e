using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.DependencyInjection;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Jobs;
using Optin.Forms.Mail;
using Optin.Forms.Storage;
using Optin.Forms.Submissions;

namespace Optin.Forms.Tests.Support;

/// <summary>The whole engine on a fake clock with the sample's rules and an in-memory mail sink.</summary>
internal sealed class Flow : IDisposable
{
    public const string From = "Atelier Dupont <bonjour@atelier-dupont.example>";

    private Flow(ServiceProvider services, FakeClock clock)
    {
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeClock Clock { get; }

    public IOptinStore Store => Services.GetRequiredService<IOptinStore>();

    public IDoubleOptinService DoubleOptin => Services.GetRequiredService<IDoubleOptinService>();

    public JobRunner Runner => Services.GetRequiredService<JobRunner>();

    public InMemoryMailSender Mail => Services.GetRequiredService<InMemoryMailSender>();

    public static Dictionary<string, string?> Settings()
    {
        var s = Some.Settings();
        s["OptinForms:Mail:From"] = From;
        s["OptinForms:Rules:0:Name"] = "double-opt-in";
        s["OptinForms:Rules:0:When"] = "FormSubmitted";
        s["OptinForms:Rules:0:Forms:0"] = "newsletter";
        s["OptinForms:Rules:0:Forms:1"] = "contact";
        s["OptinForms:Rules:0:If:ConsentGiven"] = "newsletter";
        s["OptinForms:Rules:0:Then:0:Action"] = "SendDoubleOptinEmail";
        s["OptinForms:Rules:0:Then:0:Args:Purpose"] = "newsletter";
        s["OptinForms:Rules:1:Name"] = "remind-once";
        s["OptinForms:Rules:1:When"] = "FormSubmitted";
        s["OptinForms:Rules:1:Forms:0"] = "newsletter";
        s["OptinForms:Rules:1:If:ConsentGiven"] = "newsletter";
        s["OptinForms:Rules:1:Then:0:Action"] = "Wait";
        s["OptinForms:Rules:1:Then:0:Args:For"] = "3.00:00:00";
        s["OptinForms:Rules:1:Then:1:Action"] = "SendDoubleOptinEmail";
        s["OptinForms:Rules:1:Then:1:Args:Purpose"] = "newsletter";
        s["OptinForms:Rules:1:Then:1:Args:OnlyIfPending"] = "true";
        s["OptinForms:Rules:2:Name"] = "welcome";
        s["OptinForms:Rules:2:When"] = "OptinConfirmed";
        s["OptinForms:Rules:2:If:Purpose"] = "newsletter";
        s["OptinForms:Rules:2:Then:0:Action"] = "SendEmail";
        s["OptinForms:Rules:2:Then:0:Args:Template"] = "welcome";
        s["OptinForms:Rules:3:Name"] = "notify-sales";
        s["OptinForms:Rules:3:When"] = "FormSubmitted";
        s["OptinForms:Rules:3:Forms:0"] = "contact";
        s["OptinForms:Rules:3:Then:0:Action"] = "SendEmail";
        s["OptinForms:Rules:3:Then:0:Args:Template"] = "owner-notification";
        s["OptinForms:Rules:3:Then:0:Args:To"] = "ventes@atelier-dupont.example";
        return s;
    }

    public static Flow Start(Action<Dictionary<string, string?>>? amend = null, Action<OptinFormsBuilder>? configure = null)
    {
        var settings = Settings();
        amend?.Invoke(settings);
        var services = Some.Services(out var clock, settings, b =>
        {
            b.UseInMemoryMailSender();
            configure?.Invoke(b);
        });
        return new Flow(services, clock);
    }

    public async Task<SubmissionResult> SubmitAsync(string email = "jean.dupont@exemple.fr", string form = "newsletter", string culture = "fr")
    {
        var values = form == "newsletter"
            ? new (string, string?)[] { ("email", email), ("firstName", "Jean"), ("consent.newsletter", "true") }
            : [("email", email), ("message", "Bonjour, un devis ?"), ("consent.newsletter", "true")];
        var post = Some.Post(form, values);
        post = post with { Context = post.Context with { Culture = culture } };
        var result = await Services.GetRequiredService<SubmissionPipeline>().SubmitAsync(post, default);
        Assert.True(result.Succeeded);
        return result;
    }

    public ValueTask<int> RunAsync(CancellationToken cancellationToken = default) => Runner.RunDueJobsAsync(cancellationToken);

    public void Advance(Duration duration) => Clock.Advance(duration);

    public static string ConfirmToken(MimeMessage message) => Link(message, "confirm");

    public static string UnsubscribeToken(MimeMessage message) => Link(message, "unsubscribe");

    public static string PreferencesToken(MimeMessage message) => Link(message, "preferences");

    public async Task<List<JobRecord>> JobsAsync() => await Store.Jobs.ListJobsAsync(null, default).ToListAsync();

    public static SubmissionContext Visitor { get; } = new("fr", null, "198.51.100.23", "Mozilla/5.0 (confirm)");

    public void Dispose() => Services.Dispose();

    private static string Link(MimeMessage message, string kind)
    {
        var match = Regex.Match(message.TextBody ?? string.Empty, $@"https://example\.test/optin/{kind}/([A-Za-z0-9_-]{{43}})");
        Assert.True(match.Success, $"no {kind} link in the message");
        return match.Groups[1].Value;
    }
}
