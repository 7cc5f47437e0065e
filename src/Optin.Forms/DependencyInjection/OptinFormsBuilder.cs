using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using NodaTime;
using Optin.Forms.Rules;
using Optin.Forms.Schema;
using Optin.Forms.Storage;

namespace Optin.Forms.DependencyInjection;

/// <summary>
/// Configures Optin.Forms: <c>Use…</c> chooses the single provider of a seam, <c>Add…</c> adds one of many,
/// <see cref="Configure"/> amends options. Every method is safe to call twice.
/// </summary>
public sealed partial class OptinFormsBuilder
{
    internal OptinFormsBuilder(IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration? configuration)
    {
        Services = services;
        Configuration = configuration;
    }

    /// <summary>The service collection, for extension methods in provider packages.</summary>
    public IServiceCollection Services { get; }

    /// <summary>
    /// The <c>OptinForms</c> configuration section given to <c>AddOptinForms</c>, or <see langword="null"/> when
    /// configured from C# only; provider packages read their own sub-sections from it (for example <c>Mail:Smtp</c>).
    /// </summary>
    public Microsoft.Extensions.Configuration.IConfiguration? Configuration { get; }

    /// <summary>Amends the options after configuration has been read.</summary>
    public OptinFormsBuilder Configure(Action<OptinFormsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Uses <paramref name="clock"/> for all time (tests pass NodaTime's <c>FakeClock</c>).</summary>
    public OptinFormsBuilder UseClock(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Services.Replace(ServiceDescriptor.Singleton(clock));
        return this;
    }

    /// <summary>Uses the in-memory store (the default): data is lost when the process ends.</summary>
    public OptinFormsBuilder UseInMemoryStore()
    {
        Services.Replace(ServiceDescriptor.Singleton<IOptinStore>(sp => sp.GetRequiredService<InMemoryOptinStore>()));
        return this;
    }

    /// <summary>Uses <typeparamref name="TStore"/> as the store.</summary>
    public OptinFormsBuilder UseStore<TStore>()
        where TStore : class, IOptinStore
    {
        Services.TryAddSingleton<TStore>();
        Services.Replace(ServiceDescriptor.Singleton<IOptinStore>(sp => sp.GetRequiredService<TStore>()));
        return this;
    }

    /// <summary>Adds a handler that sees every event inside the transaction that records it.</summary>
    public OptinFormsBuilder AddEventListener<TListener>()
        where TListener : class, IOptinEventListener
    {
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IOptinEventListener, TListener>());
        return this;
    }

    /// <summary>Declares a purpose in C#; the same model as <c>OptinForms:Purposes:{id}</c>.</summary>
    public OptinFormsBuilder AddPurpose(string id, Action<PurposeBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(configure);
        return Configure(options =>
        {
            var purpose = options.Purposes.GetValueOrDefault(id) ?? new PurposeOptions();
            configure(new PurposeBuilder(purpose));
            options.Purposes[id] = purpose;
        });
    }

    /// <summary>Declares a form in C#; the same model as <c>OptinForms:Forms:{id}</c>.</summary>
    public OptinFormsBuilder AddForm(string id, Action<FormBuilder> configure)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentNullException.ThrowIfNull(configure);
        return Configure(options =>
        {
            var form = new FormOptions();
            configure(new FormBuilder(form));
            options.Forms[id] = form;
        });
    }

    /// <summary>Declares a landing page in C#; the same model as <c>OptinForms:LandingPages:{slug}</c>.</summary>
    public OptinFormsBuilder AddLandingPage(string slug, string path, string formId, string? template = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(slug);
        return Configure(options => options.LandingPages[slug] = new LandingPageOptions { Path = path, Form = formId, Template = template });
    }
}
