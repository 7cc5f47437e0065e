using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Optin.Forms.Schema;

namespace Optin.Forms.DependencyInjection;

public sealed partial class OptinFormsBuilder
{
    /// <summary>
    /// For provider packages: adds <typeparamref name="TOptions"/>, validated when the host starts, whose failures are
    /// reported like the core's: one exception (an <see cref="OptionsValidationException"/>) whose message lists every
    /// problem on its own line.
    /// </summary>
    /// <returns>The options builder, to add <c>Configure</c> and <c>Validate</c> steps.</returns>
    public OptionsBuilder<TOptions> AddValidatedOptions<TOptions>()
        where TOptions : class =>
        OptinOptionsFactory<TOptions>.Add(Services).ValidateOnStart();
}
