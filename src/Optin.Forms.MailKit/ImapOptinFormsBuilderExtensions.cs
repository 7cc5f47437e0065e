using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Optin.Forms.DependencyInjection;
using Optin.Forms.MailKit;

// In the namespace of IServiceCollection, as OpenIddict and Polly do: a host needs no using of ours to find these.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the IMAP mailbox poller that reads bounce and complaint reports for Optin.Forms.</summary>
public static class ImapOptinFormsBuilderExtensions
{
    /// <summary>
    /// Reads delivery status notifications and complaint reports from an IMAP mailbox, with the settings of
    /// <c>OptinForms:Deliverability:Imap</c> (<c>Host</c>, <c>Port</c>, <c>Security</c>, <c>UserName</c>, <c>Password</c>,
    /// <c>Folder</c>, <c>ProcessedFolder</c>, <c>RefusedFolder</c>, <c>PollInterval</c>, timeouts), and gives each to the
    /// registered <see cref="Optin.Forms.Deliverability.IDeliveryReportProcessor"/>. Invalid settings stop the host at start
    /// with every problem listed. Safe to call twice.
    /// </summary>
    /// <remarks>
    /// The poller runs as a hosted service until the host stops. A host that enables it by configuration checks the
    /// section first (<c>if (section.GetSection("Deliverability:Imap").Exists()) builder.UseImapReportPoller();</c>).
    /// </remarks>
    /// <returns>The builder.</returns>
    public static OptinFormsBuilder UseImapReportPoller(this OptinFormsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (services.Any(d => d.ServiceType == typeof(ImapRegistrationMarker)))
        {
            return builder;
        }

        services.AddSingleton<ImapRegistrationMarker>();
        if (builder.Configuration?.GetSection("Deliverability:Imap") is { } section)
        {
            services.Configure<ImapPollerOptions>(options => ImapPollerOptionsReader.Read(section, options));
        }

        builder.AddValidatedOptions<ImapPollerOptions>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImapPollerOptions>, ImapPollerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ImapReportPoller>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ImapReportPoller>(sp => sp.GetRequiredService<ImapReportPoller>()));
        return builder;
    }

    /// <summary>Reads reports from an IMAP mailbox, amending the configured settings in C# (applied after configuration).</summary>
    /// <returns>The builder.</returns>
    public static OptinFormsBuilder UseImapReportPoller(this OptinFormsBuilder builder, Action<ImapPollerOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.UseImapReportPoller();
        builder.Services.PostConfigure(configure);
        return builder;
    }

    /// <summary>Marks that the poller is registered, so that a second call adds nothing twice.</summary>
    private sealed class ImapRegistrationMarker;
}
