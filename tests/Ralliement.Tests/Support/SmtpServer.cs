using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Ralliement.Tests.Support;

/// <summary>
/// A real SMTP server on 127.0.0.1: Debian's aiosmtpd (package python3-aiosmtpd, installed by the
/// test command), storing what it receives in a Maildir that the test reads.
/// </summary>
public sealed class SmtpServer : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly string _root;
    private Process? _process;

    /// <param name="listening">False reserves a port and a Maildir but leaves the server down until <see cref="Start"/>.</param>
    public SmtpServer(bool listening = true)
    {
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
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-u", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
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
