using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Optin.Forms.Diagnostics;

namespace Optin.Forms.Schema;

/// <summary>
/// Holds the current <see cref="FormCatalog"/> and swaps it when configuration reloads, keeping the previous one when
/// the new configuration is invalid (CFG-4).
/// </summary>
internal sealed class FormCatalogProvider : IFormCatalogProvider, IDisposable
{
    private readonly IOptionsFactory<OptinFormsOptions> _factory;
    private readonly ILogger<FormCatalogProvider> _logger;
    private readonly ConfigurationReloads? _reloads;
    private readonly List<IDisposable> _registrations = [];
    private volatile FormCatalog _current;

    public FormCatalogProvider(IOptionsFactory<OptinFormsOptions> factory,
        IEnumerable<IOptionsChangeTokenSource<OptinFormsOptions>> sources, ILogger<FormCatalogProvider> logger,
        ConfigurationReloads? reloads = null)
    {
        _factory = factory;
        _logger = logger;
        _reloads = reloads;
        _current = FormCatalogCompiler.Compile(factory.Create(Options.DefaultName));
        foreach (var source in sources)
        {
            _registrations.Add(ChangeToken.OnChange(source.GetChangeToken, Reload));
        }
    }

    public FormCatalog Current => _current;

    internal void Reload()
    {
        try
        {
            _current = FormCatalogCompiler.Compile(_factory.Create(Options.DefaultName));
            OptinLog.Reloaded(_logger);
            _reloads?.Accepted();
        }
        catch (OptionsValidationException ex)
        {
            OptinLog.ReloadRejected(_logger, ex.Failures.Count(), string.Join(Environment.NewLine, ex.Failures));
            _reloads?.Refused(ex.Failures);
        }
        catch (OptinConfigurationException ex)
        {
            OptinLog.ReloadRejected(_logger, ex.Problems.Count, ex.Message);
            _reloads?.Refused(ex.Problems.Select(p => p.ToString()));
        }
    }

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }
    }
}
