using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Deployment;

/// <summary>
/// Ralliement as docs/deploy.md tells people to build it: <c>dotnet publish -c Release -r linux-x64
/// --self-contained</c>, once per test run into a temporary folder, shared by every deployment test.
/// </summary>
public static class PublishedApp
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>The folder holding the published app (its executable is <c>Ralliement</c>).</summary>
    public static Task<string> FolderAsync() => Published.Value;

    /// <summary>The repository's root, where deploy/ and src/ are.</summary>
    public static string RepositoryRoot => Path.GetDirectoryName(Path.GetDirectoryName(RalliementProcess.ContentRoot))!;

    /// <summary>A file shipped in deploy/, read as an operator would copy it.</summary>
    public static string Shipped(string relativePath) => File.ReadAllText(Path.Combine(RepositoryRoot, "deploy", relativePath));

    private static async Task<string> PublishAsync()
    {
        var output = Directory.CreateTempSubdirectory("ralliement-published-").FullName;
        var project = Path.Combine(RalliementProcess.ContentRoot, "Ralliement.csproj");
        var (exitCode, log) = await RunAsync("dotnet",
            ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-o", output, "-nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(5));
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed with {exitCode}:\n{log}");
        }
        return output;
    }

    /// <summary>Runs a program to its end, and returns its exit code and what it wrote.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        using var cancel = new CancellationTokenSource(timeout);
        var output = process.StandardOutput.ReadToEndAsync(cancel.Token);
        var errors = process.StandardError.ReadToEndAsync(cancel.Token);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish within {timeout}.");
        }
        return (process.ExitCode, await output + await errors);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// One published node as its own OS process on 127.0.0.1, started as the systemd unit starts it: the
/// executable, run in its folder, with settings as environment variables.
/// </summary>
public sealed class PublishedNode : IDisposable
{
    private readonly Queue<string> _lastLines = new();
    private readonly Dictionary<string, string> _environment;
    private readonly string _folder;
    private readonly string? _logFile = TestLogFile.NewPath("published");
    private Process? _process;

    public PublishedNode(string folder, IReadOnlyDictionary<string, string> settings)
    {
        _folder = folder;
        Port = PublishedApp.FreePort();
        _environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        _environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        _environment["ASPNETCORE_ENVIRONMENT"] = "Production";
    }

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>Starts the process and waits until it says it is ready (<c>/readyz</c>).</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Path.Combine(_folder, "Ralliement"))
        {
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in _environment)
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Ralliement did not start.");
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Ralliement exited with {process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Ralliement was not ready within 60 seconds:\n{Output}");
    }

    /// <summary>kill -9: no shutdown code runs.</summary>
    public void KillHard()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }
        _process?.Dispose();
        _process = null;
    }

    /// <summary>The last lines the node wrote, for a failing test's message.</summary>
    public string Output
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lastLines)
        {
            if (_logFile is not null)
            {
                File.AppendAllText(_logFile, line + "\n");
            }
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 50)
            {
                _lastLines.Dequeue();
            }
        }
    }

    public void Dispose() => KillHard();
}
