using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Optin.Forms.Schema;

/// <summary>Signals a reload of the configuration section Optin.Forms reads.</summary>
internal sealed class ConfigurationChangeTokenSource(IConfiguration configuration) : IOptionsChangeTokenSource<OptinFormsOptions>
{
    public IConfiguration Configuration { get; } = configuration;

    public string Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => Configuration.GetReloadToken();
}
