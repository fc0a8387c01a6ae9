using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Ralliement.Bench;

/// <summary>What wrk measured, plus the counts that our Lua scripts print from done().</summary>
public sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, string SocketErrors, IReadOnlyDictionary<string, double> Counts)
{
    public long Count(string name) => (long)Counts.GetValueOrDefault(name);
}

/// <summary>Runs wrk on 127.0.0.1 with two threads, bounded in time, and reads its --latency output.</summary>
public static partial class Wrk
{
    public const int Threads = 2;

    /// <param name="drainSeconds">Extra time after the scripts' own deadline, for answers still on their way.</param>
    public static async Task<WrkResult> RunAsync(string url, int connections, int seconds, string? script = null, IEnumerable<string>? scriptArgs = null, int drainSeconds = 0)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t", $"{Threads}", "-c", $"{connections}", "-d", $"{seconds + drainSeconds}s", "--latency", "--timeout", "10s" })
        {
            start.ArgumentList.Add(arg);
        }
        if (script is not null)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(script);
        }
        start.ArgumentList.Add(url);
        if (scriptArgs is not null)
        {
            start.ArgumentList.Add("--");
            foreach (var arg in scriptArgs)
            {
                start.ArgumentList.Add(arg);
            }
        }
        using var wrk = ChildProcesses.Start(start);
        var output = wrk.StandardOutput.ReadToEndAsync();
        var errors = wrk.StandardError.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var text = await output;
        if (wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk failed ({wrk.ExitCode}): {await errors}{text}");
        }
        return Parse(text);
    }

    public static WrkResult Parse(string text)
    {
        double Percentile(string p) =>
            Percentiles().Matches(text).Where(m => m.Groups[1].Value == p).Select(m => Milliseconds(m.Groups[2].Value, m.Groups[3].Value)).FirstOrDefault(double.NaN);
        var counts = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in LuaCounts().Matches(text))
        {
            counts[m.Groups[1].Value] = double.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
        }
        var rps = RequestsPerSecond().Match(text);
        var requests = Requests().Match(text);
        var socketErrors = SocketErrors().Match(text);
        var completed = requests.Success ? long.Parse(requests.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        // Without a single answer wrk prints 0.00us percentiles, which would read as a pass.
        return new WrkResult(
            rps.Success ? double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN,
            completed > 0 ? Percentile("50") : double.NaN,
            completed > 0 ? Percentile("99") : double.NaN,
            completed,
            socketErrors.Success ? socketErrors.Groups[1].Value.Trim() : "",
            counts);
    }

    private static double Milliseconds(string number, string unit)
    {
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return Math.Round(unit switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            "m" => value * 60_000,
            _ => throw new FormatException($"Unknown wrk time unit {unit}"),
        }, 2);
    }

    [GeneratedRegex(@"^\s+(50|75|90|99)%\s+([\d.]+)(us|ms|s|m)\s*$", RegexOptions.Multiline)]
    private static partial Regex Percentiles();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex Requests();

    [GeneratedRegex(@"Socket errors:(.*)")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"(?<=^bench .*)\b(\w+)=([\d.]+)", RegexOptions.Multiline)]
    private static partial Regex LuaCounts();
}
