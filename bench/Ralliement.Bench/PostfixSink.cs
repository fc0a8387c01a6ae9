using System.Diagnostics;
using System.Net.Sockets;

namespace Ralliement.Bench;

/// <summary>
/// Postfix's smtp-sink, a real SMTP server that accepts every message and keeps none, run from the
/// unpacked Debian package (run.sh) without the Postfix service; and the machine's ceiling for
/// delivering to it, measured with Postfix's own client, smtp-source.
/// </summary>
public sealed class PostfixSink : IAsyncDisposable
{
    private readonly Process _sink;
    private readonly string _root;

    private PostfixSink(Process sink, string root, int port) => (_sink, _root, Port) = (sink, root, port);

    public int Port { get; }

    public static async Task<PostfixSink> StartAsync(string root)
    {
        var port = AppProcess.FreePort();
        // -u: as root, smtp-sink would switch to a "postfix" user that need not exist; 1024: the listen backlog.
        var sink = ChildProcesses.Start(Command(root, "smtp-sink", ["-u", "nobody", $"127.0.0.1:{port}", "1024"]));
        // Read and dropped, so that a chatty sink never blocks on a full pipe nor mixes with the figures.
        sink.BeginOutputReadLine();
        sink.BeginErrorReadLine();
        var started = new PostfixSink(sink, root, port);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync("127.0.0.1", port);
                return started;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !sink.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// Messages a second from smtp-source: <paramref name="messages"/> in all, over <paramref name="sessions"/>
    /// connections at once, one message per connection (smtp-source's -m is the total), 2 KB each, about
    /// the size of a confirmation email.
    /// </summary>
    public async Task<double> SourceAsync(int messages, int sessions)
    {
        var clock = Stopwatch.StartNew();
        using var source = ChildProcesses.Start(Command(_root, "smtp-source",
            ["-s", $"{sessions}", "-m", $"{messages}", "-l", "2048", "-f", "bench@ralliement.example", "-t", "signer@bench.example", $"127.0.0.1:{Port}"]));
        var errors = source.StandardError.ReadToEndAsync();
        await source.StandardOutput.ReadToEndAsync();
        await source.WaitForExitAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        if (source.ExitCode != 0)
        {
            throw new InvalidOperationException($"smtp-source failed ({source.ExitCode}): {await errors}");
        }
        return messages / seconds;
    }

    private static ProcessStartInfo Command(string root, string name, string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine(root, "usr/sbin", name))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Postfix's programs link to its own libraries, which the package puts outside the linker's path.
            Environment = { ["LD_LIBRARY_PATH"] = Path.Combine(root, "usr/lib/postfix") },
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        return start;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_sink.HasExited)
        {
            _sink.Kill();
        }
        await _sink.WaitForExitAsync();
        _sink.Dispose();
    }
}
