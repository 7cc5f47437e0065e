using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Optin.Forms.AspNetCore.Abuse;
using Optin.Forms.AspNetCore.Endpoints;
using Optin.Forms.AspNetCore.Http;
using Optin.Forms.AspNetCore.Rendering;
using Optin.Forms.DependencyInjection;

namespace Optin.Forms.AspNetCore.DependencyInjection;

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
        var options = services.AddOptions<OptinFormsWebOptions>();
        if (section is not null && !services.Any(d => d.ServiceType == typeof(WebOptionsMarker)))
        {
            services.AddSingleton<WebOptionsMarker>();
            options.Configure(o => Read(section, o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddAntiforgery();
        services.AddDataProtection();
        services.AddProblemDetails();
        services.TryAddSingleton<FillTimeGuard>();
        services.TryAddSingleton<SubmissionRateLimiter>();
        services.TryAddSingleton<ClientIpResolver>();
        services.TryAddSingleton<PageRenderer>();
        services.TryAddSingleton(new LandingTemplateSource(section));
        services.TryAddSingleton<LandingTemplateRenderer>();
        services.TryAddSingleton<FormPostHandler>();
        services.TryAddSingleton<TokenPageHandler>();
        return builder;
    }

    private static void Read(IConfiguration section, OptinFormsWebOptions options)
    {
        if (section["PathPrefix"] is { Length: > 0 } prefix)
        {
            options.PathPrefix = prefix;
        }

        section.GetSection("Abuse").Bind(options.Abuse);
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
