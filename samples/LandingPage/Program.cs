using LandingPage;

var builder = WebApplication.CreateBuilder(args);
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    // No launchSettings.json: `dotnet run --project samples/LandingPage` serves here unless --urls says otherwise.
    builder.WebHost.UseUrls("http://localhost:5080");
}

var optin = builder.Services.AddOptinForms(builder.Configuration.GetSection("OptinForms")).UseAspNetCore();
SampleStorage.Use(optin, builder.Configuration, builder.Environment);

// /health: the store answers and the job worker is not stalled (and, when it sends by SMTP, the server greets).
var health = builder.Services.AddHealthChecks().AddOptinForms();
if (string.Equals(builder.Configuration["OptinForms:Mail:Sender"], "Smtp", StringComparison.OrdinalIgnoreCase))
{
    // OptinForms:Mail:Smtp:Host, :Port, :Security, :UserName, :Password (the default is the pickup directory).
    optin.UseSmtp();
    health.AddOptinSmtp();
}

if (builder.Configuration.GetSection("OptinForms:Deliverability:Imap").Exists())
{
    // Bounce and complaint reports read from a mailbox (OptinForms:Deliverability:Imap:Host, :UserName, :Password, …).
    optin.UseImapReportPoller();
    health.AddOptinImapReportPoller();
}

// The admin API (OptinForms:Admin) sits behind the policy named there; the sample grants it to an API key header.
AdminApiKey.Add(builder.Services);

var app = builder.Build();
app.MapOptinForms();
app.MapOptinThankYouPage("/merci");
app.MapHealthChecks("/health"); // "Healthy", "Degraded" or "Unhealthy", with no detail a visitor could read

// The back office at /optin/dashboard, behind the same policy; the sample signs in one user at /account/login
// (Sample:Dashboard:UserName and Sample:Dashboard:Password, from user-secrets or the environment).
app.MapOptinDashboard();
DashboardLogin.Map(app);
app.MapGet("/", () => Results.Redirect("/salon"));
SamplePages.Map(app);
if (app.Environment.IsDevelopment())
{
    OutboxPage.Map(app);
}

app.Lifetime.ApplicationStarted.Register(() =>
{
    var url = app.Urls.FirstOrDefault()?.Replace("://[::]", "://localhost", StringComparison.Ordinal)
        .Replace("://0.0.0.0", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal);
    Console.WriteLine($"Now open {url}/salon");
    if (app.Environment.IsDevelopment())
    {
        Console.WriteLine($"Sent emails are listed at {url}/dev/outbox");
    }
});

app.Run();

/// <summary>The sample's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
