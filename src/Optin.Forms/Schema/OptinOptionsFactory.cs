using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Optin.Forms.Schema;

/// <summary>
/// The options factory of the framework, except that a validation failure lists its problems one per line (as
/// <c>optin check</c> prints them) instead of joined with "; " on one line of a stack trace.
/// </summary>
/// <remarks>
/// Start-time failures surface wherever the options are first read (a hosted service's constructor, <c>MapOptinForms</c>,
/// the host's <c>ValidateOnStart</c> check), so the message is made here, where they are all created.
/// </remarks>
internal sealed class OptinOptionsFactory<TOptions>(
    IEnumerable<IConfigureOptions<TOptions>> setups,
    IEnumerable<IPostConfigureOptions<TOptions>> postConfigures,
    IEnumerable<IValidateOptions<TOptions>> validations) : IOptionsFactory<TOptions>
    where TOptions : class
{
    private readonly OptionsFactory<TOptions> _inner = new(setups, postConfigures, validations);

    public TOptions Create(string name)
    {
        try
        {
            return _inner.Create(name);
        }
        catch (OptionsValidationException ex) when (ex is not OptinOptionsValidationException)
        {
            throw new OptinOptionsValidationException(ex.OptionsName, ex.OptionsType, ex.Failures);
        }
    }

    /// <summary>Adds <typeparamref name="TOptions"/> with this factory.</summary>
    public static OptionsBuilder<TOptions> Add(IServiceCollection services)
    {
        services.TryAddTransient<IOptionsFactory<TOptions>, OptinOptionsFactory<TOptions>>();
        return services.AddOptions<TOptions>();
    }
}
