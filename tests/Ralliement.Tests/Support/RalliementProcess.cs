using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Admin;
using Ralliement.Data;

namespace Ralliement.Tests.Support;

/// <summary>
/// The real Ralliement.dll as a separate OS process on 127.0.0.1, so a test can kill it as a power
/// cut or the kernel's OOM killer would (SIGKILL: no shutdown code runs) and start it again on the
/// same port and data. SQLite in its own folder by default; PostgreSQL when RALLIEMENT_TEST_POSTGRES is set.
/// </summary>
public sealed class RalliementProcess : IDisposable
{
    private readonly List<string> _arguments;
    private readonly Queue<string> _lastLines = new();

    /// <summary>How many lines the process wrote so far contain each text a test asked about (see <see cref="LinesContaining"/>).</summary>
    private readonly Dictionary<string, int> _watched = new(StringComparer.Ordinal);
    private Process? _process;

    /// <summary>Where the process's console output is copied when the run keeps logs (see <see cref="TestLogFile"/>).</summary>
    private readonly string? _logFile;

    /// <summary>The levels TestLogFile asks of in-process hosts, for a run that keeps logs.</summary>
    private static string[] LogSettings() => TestLogFile.Directory is null ? [] :
    [
        "--Logging:LogLevel:Default=Information", "--Logging:LogLevel:Microsoft.AspNetCore=Information",
        "--Logging:LogLevel:Microsoft.EntityFrameworkCore=Information", "--Logging:LogLevel:Ralliement=Debug",
    ];

    /// <summary>This process's own PostgreSQL database when the suite runs on PostgreSQL, else null (SQLite).</summary>
    private readonly string? _postgresDatabase;

    public RalliementProcess(params string[] settings)
        : this(AppDll, ContentRoot, settings)
    {
    }

    private RalliementProcess(string appDll, string contentRoot, string[] settings)
    {
        Port = FreePort();
        var database = TestDatabase.NewDatabaseSettings(out _postgresDatabase).Select(setting => $"--{setting.Key}={setting.Value}");
        Settings = [$"--DataDirectory={DataDirectory}", .. database, .. settings];
        _arguments = [appDll, "--urls", Address.ToString().TrimEnd('/'), "--contentRoot", contentRoot, "--environment", "Production", .. Settings, .. LogSettings()];
        _logFile = TestLogFile.NewPath("process");
    }

    /// <summary>Another build of Ralliement, published into <paramref name="folder"/> (its Ralliement.dll, wwwroot and appsettings.json), run the same way.</summary>
    public static RalliementProcess Published(string folder, params string[] settings) =>
        new(Path.Combine(folder, "Ralliement.dll"), folder, settings);

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ralliement-process-").FullName;

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>The configuration this process runs with; an admin command given the same settings reads the same database.</summary>
    public IReadOnlyList<string> Settings { get; }

    /// <summary>The application as built next to the tests.</summary>
    public static string AppDll => Path.Combine(AppContext.BaseDirectory, "Ralliement.dll");

    /// <summary>src/Ralliement, for wwwroot and appsettings.json.</summary>
    public static string ContentRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Ralliement.slnx")))
                {
                    return Path.Combine(dir.FullName, "src", "Ralliement");
                }
            }
            throw new InvalidOperationException("Ralliement.slnx not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The command-line settings that reach an in-process test app's data, for an admin command.</summary>
    public static string[] SettingsOf(RalliementApp app)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var settings = new List<string> { $"--DataDirectory={app.DataDirectory}" };
        foreach (var key in new[] { "Database:Provider", "ConnectionStrings:Ralliement" }.Concat(TestDatabase.PrivacySettings.Keys))
        {
            if (configuration[key] is { Length: > 0 } value)
            {
                settings.Add($"--{key}={value}");
            }
        }
        return [.. settings];
    }

    /// <summary>Starts the process and waits until the demo campaign answers, or the page at <paramref name="answering"/> when given.</summary>
    public async Task StartAsync(string? answering = null)
    {
        var start = new ProcessStartInfo("dotnet", _arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        // Read both streams continuously: a full pipe would block the server's logging, and so the server.
        process.OutputDataReceived += (_, e) => Remember(e.Data);
        process.ErrorDataReceived += (_, e) => Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 300; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Ralliement exited with {process.ExitCode}:\n{Output}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(Address, answering ?? $"/fr/c/{RalliementApp.Slug}"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"Ralliement did not answer within 30 seconds:\n{Output}");
    }

    /// <summary>kill -9: the process gets no chance to finish a request, flush a buffer or commit.</summary>
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

    /// <summary>The last lines the server wrote, for a failing test's message.</summary>
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

    /// <summary>
    /// Counts, from now on and across restarts, the lines of the output that contain <paramref name="text"/>
    /// (a message logged once may be long gone from <see cref="Output"/>); call before <see cref="StartAsync"/>.
    /// </summary>
    public Func<int> LinesContaining(string text)
    {
        lock (_lastLines)
        {
            _watched[text] = 0;
        }
        return () =>
        {
            lock (_lastLines)
            {
                return _watched[text];
            }
        };
    }

    /// <summary>The database as this process's settings describe it, read without going through its web pages.</summary>
    public async Task<T> WithDbAsync<T>(Func<RalliementDb, Task<T>> query)
    {
        await using var host = AdminHost.BuildServices([.. Settings]);
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RalliementDb>());
    }

    /// <summary>How this process hashes addresses, for finding a signer's row as the app does.</summary>
    public async Task<Func<string, string>> KeyOfAsync()
    {
        await using var host = AdminHost.BuildServices([.. Settings]);
        var addresses = host.Services.GetRequiredService<Ralliement.Privacy.AddressProtection>();
        return email => addresses.Key(Ralliement.Shared.EmailAddress.Parse(email));
    }

    /// <summary>Runs the executable with a command line, as an administrator would, and waits for it.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunCommandAsync(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("dotnet", [AppDll, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("The command did not finish within 60 seconds.");
        }
        return (process.ExitCode, await output, await errors);
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
            foreach (var text in _watched.Keys.Where(t => line.Contains(t, StringComparison.Ordinal)).ToList())
            {
                _watched[text]++;
            }
            if (_lastLines.Count > 50)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        KillHard();
        if (_postgresDatabase is not null)
        {
            TestDatabase.DropPostgres(_postgresDatabase);
        }
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing process: the temp folder is cleaned by the system.
        }
    }
}
