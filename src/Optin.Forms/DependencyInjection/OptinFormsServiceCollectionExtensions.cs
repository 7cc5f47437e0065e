using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NodaTime;
using Optin.Forms;
using Optin.Forms.Contacts;
using Optin.Forms.DependencyInjection;
using Optin.Forms.Rights;
using Optin.Forms.Schema;
using Optin.Forms.Storage;
using Optin.Forms.Diagnostics;
using Optin.Forms.Submissions;

// In the namespace of IServiceCollection, as OpenIddict and Polly do: a host needs no using of ours to find these.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Optin.Forms in a service collection.</summary>
public static class OptinFormsServiceCollectionExtensions
{
    /// <summary>
    /// Adds Optin.Forms, reading the <c>OptinForms</c> section (pass <c>configuration.GetSection("OptinForms")</c>).
    /// Invalid configuration stops the host at start with every problem listed (<c>ValidateOnStart</c>).
    /// </summary>
    /// <returns>The builder, to choose providers and add forms in C#.</returns>
    public static OptinFormsBuilder AddOptinForms(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptinFormsCore();
        if (!services.Any(d => d.ImplementationInstance is ConfigurationChangeTokenSource source && SameSection(source.Configuration, configuration)))
        {
            services.AddOptions<OptinFormsOptions>().Configure(options => OptinFormsConfigurationReader.Read(configuration, options));
            services.Configure<Optin.Forms.Jobs.JobOptions>(options =>
                Optin.Forms.Jobs.JobOptionsReader.Read(OptinSection(configuration).GetSection(Optin.Forms.Jobs.JobOptionsReader.SectionName), options));
            services.AddSingleton<IOptionsChangeTokenSource<OptinFormsOptions>>(new ConfigurationChangeTokenSource(configuration));
        }

        return new OptinFormsBuilder(services, configuration);
    }

    /// <summary>Adds Optin.Forms with configuration from C# only (see <see cref="OptinFormsBuilder.AddForm"/>).</summary>
    /// <returns>The builder.</returns>
    public static OptinFormsBuilder AddOptinForms(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptinFormsCore();
        return new OptinFormsBuilder(services, null);
    }

    /// <summary>
    /// Whether two configuration objects are the same section: <c>GetSection("OptinForms")</c> returns a new object on
    /// every call, so the path and the root's current reload token identify it.
    /// </summary>
    private static bool SameSection(IConfiguration registered, IConfiguration configuration) =>
        ReferenceEquals(registered, configuration)
        || (registered is IConfigurationSection a && configuration is IConfigurationSection b
            && string.Equals(a.Path, b.Path, StringComparison.OrdinalIgnoreCase)
            && ReferenceEquals(a.GetReloadToken(), b.GetReloadToken()));

    /// <summary>The <c>OptinForms</c> section, whether the section itself or the configuration root was passed.</summary>
    private static IConfigurationSection OptinSection(IConfiguration configuration) =>
        configuration as IConfigurationSection ?? configuration.GetSection(OptinFormsOptions.SectionName);

    private static void AddOptinFormsCore(this IServiceCollection services)
    {
        OptinOptionsFactory<OptinFormsOptions>.Add(services).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<OptinFormsOptions>, OptinFormsOptionsValidator>());
        services.TryAddSingleton<IClock>(SystemClock.Instance);
        services.TryAddSingleton(sp => new ConfigurationReloads(sp.GetRequiredService<IClock>()));
        services.TryAddSingleton<IFormCatalogProvider, FormCatalogProvider>();
        services.TryAddSingleton<InMemoryOptinStore>();
        services.TryAddSingleton<IOptinStore>(sp => sp.GetRequiredService<InMemoryOptinStore>());
        services.TryAddSingleton(sp => OptinMetrics.Attach(ActivatorUtilities.CreateInstance<SubmissionPipeline>(sp), sp));
        services.TryAddSingleton(OptinMetrics.FromServices);
        services.TryAddSingleton<ContactOptinService>();
        services.TryAddSingleton<ContactKindService>();
        services.TryAddSingleton<PersonalDataService>();
        services.TryAddSingleton<EvidenceService>();
        EngineServices.Add(services);
    }
}
