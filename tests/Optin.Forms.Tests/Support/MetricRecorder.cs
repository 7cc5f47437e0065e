using System.Diagnostics.Metrics;

namespace Optin.Forms.Tests.Support;

/// <summary>Records what one meter's instruments measure (a MeterListener: no exporter), for one test's host only.</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<Recorded> _measurements = [];

    public MetricRecorder(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    public IReadOnlyList<Recorded> Of(string name)
    {
        lock (_measurements)
        {
            return _measurements.Where(m => m.Name == name).ToList();
        }
    }

    /// <summary>Collects the observable instruments (the queue's gauges) once, as an exporter's scrape would.</summary>
    public IReadOnlyList<Recorded> Observe(string name)
    {
        lock (_measurements)
        {
            _measurements.RemoveAll(m => m.Name == name);
        }

        _listener.RecordObservableInstruments();
        return Of(name);
    }

    public void Dispose() => _listener.Dispose();

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var recorded = new Recorded(instrument.Name, instrument.Unit, value,
            tags.ToArray().ToDictionary(t => t.Key, t => t.Value?.ToString()));
        lock (_measurements)
        {
            _measurements.Add(recorded);
        }
    }

    internal sealed record Recorded(string Name, string? Unit, double Value, Dictionary<string, string?> Tags)
    {
        public string? Tag(string key) => Tags.GetValueOrDefault(key);
    }
}
