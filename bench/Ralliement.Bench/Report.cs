using System.Globalization;

namespace Ralliement.Bench;

/// <summary>Prints one name=value line per figure, in invariant culture so that scripts can read them.</summary>
public sealed class Report
{
    public void Line(string name, object value)
    {
        var text = value switch
        {
            double d when double.IsNaN(d) => "none",
            double d => d.ToString(d >= 100 ? "F0" : "0.##", CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString(),
        };
        Console.WriteLine($"{name}={text}");
    }

    public void Ratio(string name, double value, double ceiling) =>
        Line(name, ceiling > 0 ? (value / ceiling).ToString("0.0##", CultureInfo.InvariantCulture) : "none");

    /// <summary>Requests per second and latency percentiles of one wrk run.</summary>
    public void Figures(string name, WrkResult result)
    {
        Line($"{name}_rps", result.RequestsPerSecond);
        Line($"{name}_p50_ms", result.P50Ms);
        Line($"{name}_p99_ms", result.P99Ms);
        if (result.SocketErrors.Length > 0)
        {
            Line($"{name}_socket_errors", result.SocketErrors);
        }
    }

    /// <summary>Cores and load average, printed at both ends: on a shared machine, they say how noisy the figures are.</summary>
    public void Machine(string when)
    {
        if (when == "start")
        {
            Line("machine_cores", Environment.ProcessorCount);
        }
        Line($"machine_{when}_load_1min", File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown");
    }

    public static void Progress(string message) =>
        Console.Error.WriteLine($"# {DateTime.UtcNow:HH:mm:ss} {message}");
}
