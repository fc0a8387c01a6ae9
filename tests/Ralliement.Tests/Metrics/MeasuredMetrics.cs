using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Metrics;

/// <summary>
/// Listens to one app's meter, as an exporter would, and adds up what it records by instrument and
/// tags. Only that app's instruments are heard (their meter belongs to its container), so tests
/// running side by side do not count each other's signatures.
/// </summary>
public sealed class MeasuredMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, double> _sums = new();

    public MeasuredMetrics(RalliementApp app)
    {
        var factory = app.Services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Meter.Name == "Ralliement")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The sum of what an instrument recorded with these tags (<c>"reason=invalid"</c>), or with any when none are given.</summary>
    public double this[string instrument, string tags = ""] =>
        _sums.Where(s => s.Key == $"{instrument}|{tags}" || (tags == "" && s.Key.StartsWith(instrument + "|", StringComparison.Ordinal))).Sum(s => s.Value);

    /// <summary>How many measurements an instrument took (for a histogram: how many batches).</summary>
    public double CountOf(string instrument) => _sums.GetValueOrDefault($"{instrument}#count");

    private void Add(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var key = $"{instrument.Name}|{string.Join(',', tags.ToArray().Select(t => $"{t.Key}={t.Value}"))}";
        _sums.AddOrUpdate(key, value, (_, sum) => sum + value);
        _sums.AddOrUpdate($"{instrument.Name}#count", 1, (_, count) => count + 1);
    }

    public void Dispose() => _listener.Dispose();
}
