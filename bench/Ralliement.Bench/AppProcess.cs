using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ralliement.Bench;

/// <summary>
/// Ralliement as a deployment runs it: its own process, Production environment, on a free port of
/// 127.0.0.1, with the demo campaign seeded. Its output goes to a log file next to its data.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;

    private AppProcess(Process process, StreamWriter log, string address) => (_process, _log, Address) = (process, log, address);

    public string Address { get; }

    public string CampaignPath => $"/fr/c/{BenchOptions.Slug}";

    public static async Task<AppProcess> StartAsync(BenchOptions options, string dataDirectory, IEnumerable<string> databaseArguments, string logFile)
    {
        var address = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production" },
        };
        // Anti-abuse as in production behind a reverse proxy on this machine: wrk plays the proxy and
        // says which client each request comes from; the proof of work is at the pool's difficulty.
        string[] antiAbuse = ["--ReverseProxy:KnownProxies:0=127.0.0.1", $"--AntiAbuse:ProofOfWork:Difficulty={ProofPool.Difficulty}"];
        foreach (var arg in new[] { options.App, "--urls", address, $"--DataDirectory={dataDirectory}", "--contentRoot", options.ContentRoot, "--Demo:Seed=true" }
            .Concat(antiAbuse).Concat(databaseArguments))
        {
            start.ArgumentList.Add(arg);
        }
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = ChildProcesses.Start(start);
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, log, address);
        await app.WaitUntilReadyAsync(logFile);
        return app;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            try
            {
                log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // A last line after the app stopped: nothing to keep.
            }
        }
    }

    /// <summary>Start-up migrates the database and seeds the demo: wait for the campaign page itself.</summary>
    private async Task WaitUntilReadyAsync(string logFile)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the app exited ({_process.ExitCode}): {LastLines(logFile)}");
            }
            try
            {
                using var response = await client.GetAsync(Address + CampaignPath);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"the app did not serve {CampaignPath} within 120 s: {LastLines(logFile)}");
    }

    /// <summary>The exception that stopped the app, else its last line: enough to tell a missing provider from a bug.</summary>
    private static string LastLines(string logFile)
    {
        Thread.Sleep(200);
        var lines = File.ReadAllLines(logFile).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var line = lines.FirstOrDefault(l => l.StartsWith("Unhandled exception", StringComparison.Ordinal)) ?? lines.LastOrDefault() ?? "no output";
        return line.Length > 300 ? line[..300] + "…" : line;
    }

    /// <summary>Peak resident memory so far (VmHWM), in MB.</summary>
    public double PeakRssMb() => PeakRssMb(_process.Id);

    public static double PeakRssMb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? double.NaN : Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Stops the app as a service manager would (SIGTERM), and kills it if it lingers.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        await _process.WaitForExitAsync();
        lock (_log)
        {
            _log.Dispose();
        }
        _process.Dispose();
    }
}
