using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Optin.Forms.AspNetCore;
using Optin.Forms.AspNetCore.Abuse;
using Optin.Forms.AspNetCore.Admin;
using Optin.Forms.AspNetCore.Endpoints;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms;
using Optin.Forms.DependencyInjection;

// In the namespace of IServiceCollection, as OpenIddict and Polly do: a host needs no using of ours to find these.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the ASP.NET Core integration to <see cref="OptinFormsBuilder"/>.</summary>
public static class OptinFormsAspNetCoreExtensions
{
    /// <summary>
    /// Registers the endpoints' services: rendering, antiforgery, Data Protection (for the signed render time),
    /// abuse guards. Reads <c>PathPrefix</c>, <c>Abuse</c> and <c>DoubleOptin:ConfirmedPage</c> /
    /// <c>DoubleOptin:ConfirmationMode</c> from the builder's configuration section, then applies
    /// <paramref name="configure"/>. Map the endpoints with <c>app.MapOptinForms()</c>.
    /// </summary>
    /// <returns>The builder.</returns>
    public static OptinFormsBuilder UseAspNetCore(this OptinFormsBuilder builder, Action<OptinFormsWebOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration;
        var options = builder.AddValidatedOptions<OptinFormsWebOptions>();
        if (section is not null && !services.Any(d => d.ServiceType == typeof(WebOptionsMarker)))
        {
            services.AddSingleton<WebOptionsMarker>();
            options.Configure(o => Read(section, o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        // The engine writes the links of its emails from its own options: one prefix for pages and emails alike.
        services.AddOptions<OptinFormsOptions>()
            .PostConfigure<Microsoft.Extensions.Options.IOptions<OptinFormsWebOptions>>((core, web) => core.PathPrefix = web.Value.PathPrefix);

        options.Validate(o => o.PathPrefix.StartsWith('/') && !o.PathPrefix.StartsWith("//", StringComparison.Ordinal),
                "OptinForms:PathPrefix: the prefix must be a local path such as /optin")
            .Validate(o => o.MaxRequestBodySize > 0 && o.MaxFieldCount > 0 && o.MaxFieldLength > 0,
                "OptinForms (ASP.NET Core): the request size, field count and field length limits must be positive")
            .Validate(o => o.Abuse.MinFillTime >= TimeSpan.Zero && o.Abuse.MaxFillTime > o.Abuse.MinFillTime,
                "OptinForms:Abuse:MinFillTime: must be zero or more, and less than MaxFillTime")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Abuse.Honeypot) && !o.Abuse.Honeypot.StartsWith("consent.", StringComparison.Ordinal),
                "OptinForms:Abuse:Honeypot: a field name is required, and it cannot look like a consent checkbox")
            .Validate(o => o.Abuse.RateLimiting.PerIpPerMinute > 0 && o.Abuse.RateLimiting.PerAddressPerDay > 0 && o.Abuse.RateLimiting.PerFormPerMinute > 0,
                "OptinForms:Abuse:RateLimiting: every limit must be positive (set Enabled to false to switch them off)")
            .Validate(o => o.Abuse.Challenge.MaxNumber is >= 1 and <= 10_000_000,
                "OptinForms:Abuse:Challenge:MaxNumber: must be between 1 and 10000000 (100000 takes a phone about a second)")
            .Validate(o => o.Abuse.Challenge.Expiry > TimeSpan.Zero,
                "OptinForms:Abuse:Challenge:Expiry: must be a positive duration such as 01:00:00")
            .Validate(o => string.IsNullOrEmpty(o.Abuse.Challenge.HmacKey) || o.Abuse.Challenge.HmacKey.Length >= 32,
                "OptinForms:Abuse:Challenge:HmacKey: a key must be at least 32 characters long (leave it out to use a generated one)")
            .Validate(o => !o.Admin.Enabled || !string.IsNullOrWhiteSpace(o.Admin.AuthorizationPolicy),
                "OptinForms:Admin:AuthorizationPolicy: the admin API is enabled, so it needs the name of the host's authorization policy")
            .Validate(o => o.Admin.MaxPageSize > 0, "OptinForms:Admin:MaxPageSize: must be positive")
            .Validate(o => string.IsNullOrEmpty(o.Deliverability.ReportSecret) || o.Deliverability.ReportSecret.Trim().Length >= 32,
                "OptinForms:Deliverability:ReportSecret: a secret must be at least 32 characters long (leave it out to switch the bounce endpoint off)")
            .Validate(o => o.Deliverability.MaxReportSize is > 0 and <= 64 * 1024 * 1024,
                "OptinForms:Deliverability:MaxReportSize: must be a number of bytes between 1 and 67108864 (64 MiB); the default is 1048576");

        services.AddAntiforgery();
        services.AddDataProtection();
        services.AddProblemDetails();
        services.TryAddSingleton<FillTimeGuard>();
        services.TryAddSingleton<Optin.Forms.AspNetCore.Http.AttributionCarrier>();
        services.TryAddSingleton<FormStepState>();
        services.TryAddSingleton<ChallengeKey>();
        services.TryAddSingleton<ChallengeGuard>();
        services.TryAddSingleton<SubmissionRateLimiter>();
        services.TryAddSingleton<ClientIpResolver>();
        services.TryAddSingleton<PageRenderer>();
        services.TryAddSingleton<LandingTemplateRenderer>();
        services.TryAddSingleton<FormPostHandler>();
        services.TryAddSingleton<TokenPageHandler>();
        services.TryAddSingleton<BounceEndpoint>();
        services.TryAddSingleton<Optin.Forms.Consent.IConsentBoxRenderer, Optin.Forms.AspNetCore.Rendering.ConsentBoxRenderer>(); // EVD-1
        AdminAuthorizationResultHandler.Decorate(services);
        return builder;
    }

    private static void Read(IConfiguration section, OptinFormsWebOptions options)
    {
        if (section["PathPrefix"] is { Length: > 0 } prefix)
        {
            options.PathPrefix = prefix;
        }

        section.GetSection("Abuse").Bind(options.Abuse);
        section.GetSection("Admin").Bind(options.Admin);
        section.GetSection("Deliverability").Bind(options.Deliverability);
        var doi = section.GetSection("DoubleOptin");
        if (doi["ConfirmedPage"] is { Length: > 0 } confirmed)
        {
            options.ConfirmedPage = confirmed;
        }

        if (doi["ConfirmationMode"] is { Length: > 0 } mode)
        {
            options.ConfirmationMode = Enum.TryParse<ConfirmationMode>(mode, ignoreCase: true, out var parsed)
                ? parsed
                : throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                    $"OptinForms:DoubleOptin:ConfirmationMode: expected Button or AutoSubmit, found '{mode}'"));
        }
    }

    private sealed class WebOptionsMarker;
}
