using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;
using Optin.Forms.Contacts;
using Optin.Forms.DoubleOptin;
using Optin.Forms.Storage;

namespace Optin.Forms.AspNetCore.Tests.Support;

/// <summary>
/// The sample site in a test server, with a fake clock, the fake double opt-in service, captured logs, and settings
/// that tests override (by default: no minimum fill time, no rate limits).
/// </summary>
internal sealed class OptinWebFactory : WebApplicationFactory<Program>
{
    public const string TestIpHeader = "X-Test-Remote-Ip";

    private readonly Dictionary<string, string?> _settings;

    public OptinWebFactory(params (string Key, string? Value)[] settings)
    {
        MailDirectory = Path.Combine(Path.GetTempPath(), "optin-web-tests-" + Guid.NewGuid().ToString("N"), "mail");
        _settings = new()
        {
            ["OptinForms:BaseUrl"] = "https://stand.example",
            ["OptinForms:Abuse:MinFillTime"] = "00:00:00",
            ["OptinForms:Abuse:RateLimiting:Enabled"] = "false",
            ["OptinForms:Mail:Pickup:Directory"] = MailDirectory,
            // A real SQLite file per test server, as the sample runs by default.
            ["OptinForms:Storage:Provider"] = "Sqlite",
            ["ConnectionStrings:Optin"] = $"Data Source={Path.Combine(Path.GetDirectoryName(MailDirectory)!, "optin.db")}",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }
    }

    /// <summary>This factory's own pickup directory (for the emails the engine writes once it sends them).</summary>
    public string MailDirectory { get; }

    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 12, 9, 30));

    public FakeDoubleOptinService DoubleOptin { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public Action<IServiceCollection>? ConfigureServicesExtra { get; init; }

    /// <summary>Whether the engine's own double opt-in service runs (end-to-end tests) instead of the fake.</summary>
    public bool RealDoubleOptin { get; init; }

    public IOptinStore Store => Services.GetRequiredService<IOptinStore>();

    public async Task<long> ContactCountAsync() => await Store.Contacts.CountAsync(new ContactQuery(), CancellationToken.None);

    public HttpClient Client() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>The messages in the pickup directory addressed to <paramref name="address"/>.</summary>
    public List<MimeKit.MimeMessage> EmailsTo(string address)
    {
        var directory = _settings["OptinForms:Mail:Pickup:Directory"]!;
        return !Directory.Exists(directory)
            ? []
            : [.. Directory.EnumerateFiles(directory, "*.eml", SearchOption.AllDirectories)
                .Select(f => MimeKit.MimeMessage.Load(f))
                .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];
    }

    /// <summary>The Message-ID of the first email sent to <paramref name="address"/> (its double opt-in email), once it is sent.</summary>
    public async Task<string> FirstMessageIdToAsync(string address) =>
        (await WaitForEmailsAsync(address, 1)).FirstOrDefault()?.MessageId
        ?? throw new InvalidOperationException("no email with a Message-ID was sent to the address");

    /// <summary>
    /// Runs the due jobs and waits (10 s at most) until <paramref name="count"/> emails to <paramref name="address"/>
    /// are in the pickup directory; the host's own worker may be the one that sends them.
    /// </summary>
    public async Task<List<MimeKit.MimeMessage>> WaitForEmailsAsync(string address, int count)
    {
        var runner = Services.GetRequiredService<Optin.Forms.Jobs.JobRunner>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            await runner.RunDueJobsAsync(CancellationToken.None);
            var emails = EmailsTo(address);
            if (emails.Count >= count || DateTime.UtcNow > deadline)
            {
                return emails;
            }

            await Task.Delay(50);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        var root = Path.GetDirectoryName(MailDirectory)!;
        if (disposing && Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IClock>(Clock));
            if (!RealDoubleOptin)
            {
                services.Replace(ServiceDescriptor.Singleton<IDoubleOptinService>(DoubleOptin));
            }

            services.AddSingleton<IStartupFilter, TestIpStartupFilter>();
            ConfigureServicesExtra?.Invoke(services);
        });
    }

    /// <summary>Lets a test choose the connection's remote address (the test server sets none).</summary>
    private sealed class TestIpStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers.TryGetValue(TestIpHeader, out var ip))
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(ip.ToString());
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
