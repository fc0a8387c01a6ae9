using System.Diagnostics;

namespace Ralliement.Bench;

/// <summary>
/// The admin CLI's export (<c>Ralliement.dll export signatures &lt;slug&gt;</c>, CSV on stdout) over the
/// whole campaign: how long it takes and how much memory it holds while streaming.
/// </summary>
public static class ExportCommand
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(BenchOptions options, BenchDatabase database, string data, Report report, string name, string appLog)
    {
        Report.Progress($"{name}: the admin CLI export");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["ASPNETCORE_ENVIRONMENT"] = "Production", ["DOTNET_ENVIRONMENT"] = "Production" },
        };
        // Without the command, the app would start its web server instead: give it a free port
        // and recognise it by its start-up line.
        foreach (var arg in new[] { options.App, "export", "signatures", BenchOptions.Slug, $"--DataDirectory={data}",
            "--contentRoot", options.ContentRoot, "--urls", $"http://127.0.0.1:{AppProcess.FreePort()}" }.Concat(database.AppArguments))
        {
            start.ArgumentList.Add(arg);
        }
        var clock = Stopwatch.StartNew();
        using var process = ChildProcesses.Start(start);
        var errors = process.StandardError.ReadToEndAsync();
        var peak = 0.0;
        using var stop = new CancellationTokenSource(Limit);
        var watch = Task.Run(async () =>
        {
            // VmHWM disappears with the process: read it until the end.
            while (!process.HasExited)
            {
                peak = Math.Max(peak, AppProcess.PeakRssMb(process.Id) is var mb && double.IsNaN(mb) ? 0 : mb);
                await Task.Delay(50);
            }
        });

        var (lines, isWebServer) = await CountLinesAsync(process.StandardOutput.BaseStream, stop.Token);
        if (isWebServer || stop.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
        }
        await process.WaitForExitAsync();
        await watch;
        var elapsed = clock.Elapsed.TotalSeconds;
        File.AppendAllText(appLog, await errors);
        if (isWebServer)
        {
            report.Line($"{name}_export", "missing");
        }
        else if (stop.IsCancellationRequested)
        {
            report.Line($"{name}_export", $"failed (still running after {Limit.TotalMinutes} min)");
        }
        else if (process.ExitCode != 0)
        {
            report.Line($"{name}_export", $"failed (exit {process.ExitCode}, see app.log)");
        }
        else
        {
            report.Line($"{name}_export_s", Math.Round(elapsed, 1));
            report.Line($"{name}_export_rows", Math.Max(0, lines - 1));
            report.Line($"{name}_export_rss_peak_mb", peak);
            report.Line($"{name}_export_rss_under_250mb", peak < 250);
        }
    }

    /// <summary>Counts the CSV's lines as /dev/null would swallow them, watching its first bytes for a web server's log.</summary>
    private static async Task<(long Lines, bool IsWebServer)> CountLinesAsync(Stream output, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        var head = new List<byte>();
        long lines = 0;
        try
        {
            int read;
            while ((read = await output.ReadAsync(buffer, cancellationToken)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
                if (head.Count < 8192)
                {
                    head.AddRange(buffer.Take(Math.Min(read, 8192 - head.Count)));
                    var text = System.Text.Encoding.UTF8.GetString(head.ToArray());
                    if (text.Contains("Now listening on", StringComparison.Ordinal) || text.Contains("Application started", StringComparison.Ordinal))
                    {
                        return (lines, true);
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Reported by the caller.
        }
        return (lines, false);
    }
}
