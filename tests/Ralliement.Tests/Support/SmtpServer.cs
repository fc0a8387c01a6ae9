using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Ralliement.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's aiosmtpd (package python3-aiosmtpd, installed by the
/// test command), storing what it receives in a Maildir that the test reads. With a script, it runs
/// scripted_smtp.py instead, which can be slow, throttle, refuse or drop connections, and logs each
/// command it answers in <see cref="Log"/>.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _root;
    private readonly string? _script;
    private Process? _process;

    /// <param name="listening">False reserves a port and a Maildir but leaves the server down until <see cref="Start"/>.</param>
    /// <param name="script">Behaviours for scripted_smtp.py, e.g. <c>latency=0.1,throttle=4</c>; null for a plain Maildir server.</param>
    public SmtpServer(bool listening = true, string? script = null)
    {
        _script = script;
        Port = FreePort();
        _root = Directory.CreateTempSubdirectory("ralliement-smtp-").FullName;
        // aiosmtpd creates the Maildir's cur/new/tmp only when the folder does not exist yet.
        Maildir = Path.Combine(_root, "maildir");
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"{Python} is missing: install python3-aiosmtpd (the README's test command does).");
        }
        if (listening)
        {
            Start();
        }
    }

    /// <summary>Starts the server on its port, keeping what it already received.</summary>
    public void Start()
    {
        string[] handler = _script is null
            ? ["aiosmtpd.handlers.Mailbox", Maildir]
            : ["scripted_smtp.ScriptedMailbox", Maildir, LogPath, _script];
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-u", "-l", $"127.0.0.1:{Port}", "-c", .. handler])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Support");
        _process = Process.Start(start) ?? throw new InvalidOperationException("aiosmtpd did not start.");
        WaitUntilListening(_process);
    }

    /// <summary>Stops the server, as an outage would: connections are refused until <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        _process?.Dispose();
        _process = null;
    }

    public int Port { get; }

    public string Maildir { get; }

    private string LogPath => Path.Combine(_root, "commands.log");

    /// <summary>What the scripted server answered, one line per event (see scripted_smtp.py).</summary>
    public IReadOnlyList<string> Log() => File.Exists(LogPath) ? File.ReadAllLines(LogPath) : [];

    /// <summary>Waits until the Maildir holds <paramref name="count"/> messages or the time is out, and returns them.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var received = Received();
        while (received.Count < count && clock.Elapsed < within)
        {
            await Task.Delay(50);
            received = Received();
        }
        return received;
    }

    public IReadOnlyList<MimeMessage> Received()
    {
        var folder = Path.Combine(Maildir, "new");
        return Directory.Exists(folder) ? Directory.GetFiles(folder).Select(path => MimeMessage.Load(path)).ToList() : [];
    }

    public async Task<MimeMessage> WaitForMessageToAsync(string address)
    {
        for (var i = 0; i < 150; i++)
        {
            var found = Received().FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The SMTP server received nothing for {address} in 15 seconds.");
    }

    private void WaitUntilListening(Process process)
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("aiosmtpd exited: " + process.StandardError.ReadToEnd() + " Is python3-aiosmtpd installed?");
            }
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }
        throw new TimeoutException("aiosmtpd did not listen within 10 seconds.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        Stop();
        Directory.Delete(_root, recursive: true);
    }
}
