using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Ralliement.Bench;

/// <summary>
/// A mail provider across a network, on 127.0.0.1: every reply leaves <see cref="Delay"/> after the
/// command it answers arrived (commands sent together, as PIPELINING allows, wait together, as they
/// would share one round trip), and each accepted message's recipient and confirmation link are
/// recorded with the time of its 250.
/// Our own rather than Postfix's smtp-sink, which measures the delivery rate: smtp-sink's only delay
/// (-w) is in whole seconds and before DATA's reply alone, and its dumps (-d) are files named to the
/// second, whereas the time from signing to the email needs each recipient's arrival to the millisecond.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<Accepted> _accepted = new();
    private readonly Task _accepting;

    /// <param name="At">When the 250 that accepts the message was sent, UTC.</param>
    public sealed record Accepted(string Recipient, DateTime At, string? ConfirmPath);

    private SmtpReceiver()
    {
        _listener.Start(backlog: 1024);
        _accepting = AcceptAsync();
    }

    public static SmtpReceiver Start() => new();

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Changed between scenarios; a session takes the value at each reply.</summary>
    public TimeSpan Delay { get; set; }

    /// <summary>Messages accepted so far whose recipient starts with the scenario's prefix.</summary>
    public IReadOnlyList<Accepted> AcceptedFor(string prefix) =>
        _accepted.Where(a => a.Recipient.StartsWith(prefix + "-", StringComparison.Ordinal)).ToList();

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
                _ = Task.Run(() => SessionAsync(client));
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using var _ = client;
        client.NoDelay = true;
        var stream = client.GetStream();
        var lines = Channel.CreateUnbounded<(string Line, long At)>();
        var reading = ReadAsync(stream, lines.Writer);
        var output = new StreamWriter(stream, new UTF8Encoding(false)) { NewLine = "\r\n" };
        try
        {
            await ReplyAsync(output, Stopwatch.GetTimestamp(), "220 bench.example ESMTP");
            string? recipient = null;
            StringBuilder? data = null;
            await foreach (var (line, at) in lines.Reader.ReadAllAsync(_stopping.Token))
            {
                if (data is not null)
                {
                    if (line != ".")
                    {
                        // Dot-stuffing (RFC 5321 4.5.2): a line of the message starting with a dot comes with two.
                        var text = line.StartsWith('.') ? line[1..] : line;
                        // Quoted-printable soft line breaks would cut the link in two.
                        data.Append(text.EndsWith('=') ? text[..^1] : text + "\n");
                        continue;
                    }
                    await ReplyAsync(output, at, "250 2.0.0 accepted");
                    _accepted.Enqueue(new Accepted(recipient ?? "", DateTime.UtcNow, ConfirmLinks.Find(data.ToString())));
                    data = null;
                    continue;
                }
                var verb = (line.Length > 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await ReplyAsync(output, at, "250-bench.example\r\n250-PIPELINING\r\n250-8BITMIME\r\n250 SMTPUTF8");
                        break;
                    case "RCPT":
                        recipient = line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)];
                        await ReplyAsync(output, at, "250 2.1.5 ok");
                        break;
                    case "DATA":
                        data = new StringBuilder();
                        await ReplyAsync(output, at, "354 end with .");
                        break;
                    case "QUIT":
                        await ReplyAsync(output, at, "221 bye");
                        return;
                    case "HELO" or "MAIL" or "RSET" or "NOOP":
                        await ReplyAsync(output, at, "250 ok");
                        break;
                    default:
                        await ReplyAsync(output, at, "502 not here");
                        break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up, or the receiver stopped.
        }
        finally
        {
            client.Close();
            await reading;
        }
    }

    /// <summary>Reads lines as they arrive, stamped then, while the session waits out its replies.</summary>
    private async Task ReadAsync(NetworkStream stream, ChannelWriter<(string, long)> lines)
    {
        try
        {
            using var reader = new StreamReader(stream, Encoding.UTF8, leaveOpen: true);
            while (await reader.ReadLineAsync(_stopping.Token) is { } line)
            {
                lines.TryWrite((line, Stopwatch.GetTimestamp()));
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed.
        }
        finally
        {
            lines.TryComplete();
        }
    }

    private async Task ReplyAsync(StreamWriter output, long arrived, string reply)
    {
        var wait = Delay - Stopwatch.GetElapsedTime(arrived);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _stopping.Token);
        }
        await output.WriteLineAsync(reply);
        await output.FlushAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stopping.Dispose();
    }
}
