using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Optin.Forms.DependencyInjection;
using Optin.Forms.Mail;
using Optin.Forms.MailKit;

// In the namespace of IServiceCollection, as OpenIddict and Polly do: a host needs no using of ours to find these.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the SMTP sender for Optin.Forms.</summary>
public static class SmtpOptinFormsBuilderExtensions
{
    /// <summary>
    /// Sends mail through SMTP, with the settings of <c>OptinForms:Mail:Smtp</c> (<c>Host</c>, <c>Port</c>,
    /// <c>Security</c>, <c>UserName</c>, <c>Password</c>, <c>PoolSize</c>, timeouts, <c>Dkim</c>). Invalid settings stop
    /// the host at start with every problem listed. A permanent refusal of a recipient marks the address undeliverable
    /// (a suppression entry that a new double opt-in lifts). Safe to call twice.
    /// </summary>
    /// <remarks>
    /// This always selects SMTP, whatever <c>OptinForms:Mail:Sender</c> says: a host that chooses by that key checks it
    /// before calling (<c>if (section["Mail:Sender"] == "Smtp") builder.UseSmtp();</c>).
    /// </remarks>
    /// <returns>The builder.</returns>
    public static OptinFormsBuilder UseSmtp(this OptinFormsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        if (!services.Any(d => d.ServiceType == typeof(SmtpRegistrationMarker)))
        {
            services.AddSingleton<SmtpRegistrationMarker>();
            if (builder.Configuration?.GetSection("Mail:Smtp") is { } section)
            {
                services.Configure<SmtpSenderOptions>(options => SmtpSenderOptionsReader.Read(section, options));
            }

            builder.AddValidatedOptions<SmtpSenderOptions>();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SmtpSenderOptions>, SmtpSenderOptionsValidator>());
        }

        // A permanent refusal of a recipient marks the address undeliverable (the built-in observer).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmtpDeliveryObserver, UndeliverableAddressObserver>());
        services.TryAddSingleton<SmtpMailSender>();
        services.Replace(ServiceDescriptor.Singleton<IMailSender>(sp => sp.GetRequiredService<SmtpMailSender>()));
        return builder;
    }

    /// <summary>Sends mail through SMTP, amending the configured settings in C# (applied after configuration).</summary>
    /// <returns>The builder.</returns>
    public static OptinFormsBuilder UseSmtp(this OptinFormsBuilder builder, Action<SmtpSenderOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.UseSmtp();
        builder.Services.PostConfigure(configure);
        return builder;
    }

    /// <summary>Adds an observer of permanent refusals, for example one that marks addresses undeliverable.</summary>
    /// <returns>The builder.</returns>
    public static OptinFormsBuilder AddSmtpDeliveryObserver<TObserver>(this OptinFormsBuilder builder)
        where TObserver : class, ISmtpDeliveryObserver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<ISmtpDeliveryObserver, TObserver>());
        return builder;
    }

    /// <summary>Marks that the SMTP options are registered, so that a second <c>UseSmtp()</c> adds nothing twice.</summary>
    private sealed class SmtpRegistrationMarker;
}
