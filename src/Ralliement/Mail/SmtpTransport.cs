using System.Net.Sockets;
using System.Threading.Channels;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ralliement.Mail;

/// <summary>
/// A pool of SMTP connections kept open and reused. Opening a connection for each email (TLS, then
/// AUTH) held the sender to 113-236 emails a second against a local Postfix smtp-sink, and 5 a second
/// to a server 30 ms away (bash bench/run.sh). On an open connection an email still costs three round
/// trips: MailKit pipelines MAIL FROM and RCPT TO where the server offers PIPELINING, but waits for
/// DATA's 354; hence several connections at once.
/// </summary>
public sealed class SmtpTransport : MailTransport, IAsyncDisposable
{
    private readonly SmtpOptions _smtp;
    private readonly TimeProvider _clock;
    private readonly Connection[] _all;
    private readonly Channel<Connection> _free = Channel.CreateUnbounded<Connection>();

    public SmtpTransport(IOptions<MailOptions> options, TimeProvider clock)
    {
        _smtp = options.Value.Smtp;
        _clock = clock;
        _all = [.. Enumerable.Range(0, Math.Max(1, _smtp.Connections)).Select(_ => new Connection())];
        foreach (var connection in _all)
        {
            _free.Writer.TryWrite(connection);
        }
    }

    public override int Connections => _all.Length;

    public override async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var connection = await _free.Reader.ReadAsync(cancellationToken);
        try
        {
            await SendOnAsync(connection, message, cancellationToken);
        }
        catch (Exception)
        {
            // After a refusal or an error the session's state is unknown: the next email opens a new one.
            await connection.CloseAsync(quit: false);
            throw;
        }
        finally
        {
            connection.LastUsed = _clock.GetUtcNow().UtcDateTime;
            _free.Writer.TryWrite(connection);
        }
    }

    private async Task SendOnAsync(Connection connection, MimeMessage message, CancellationToken cancellationToken)
    {
        if (connection.Sent >= _smtp.MessagesPerConnection)
        {
            await connection.CloseAsync(quit: true);
        }
        var client = await OpenAsync(connection, cancellationToken);
        try
        {
            await client.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException)
        {
            // The server dropped a connection (its idle timeout, a restart, a cut mid-transfer):
            // once more on a new one. A failure to connect at all is not retried here.
            await connection.CloseAsync(quit: false);
            client = await OpenAsync(connection, cancellationToken);
            await client.SendAsync(message, cancellationToken);
        }
        connection.Sent++;
    }

    private async Task<SmtpClient> OpenAsync(Connection connection, CancellationToken cancellationToken)
    {
        if (connection.Client is { IsConnected: true } open)
        {
            return open;
        }
        await connection.CloseAsync(quit: false);
        var client = new SmtpClient { Timeout = 30_000 };
        connection.Client = client;
        await client.ConnectAsync(_smtp.Host!, _smtp.Port, _smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(_smtp.Username))
        {
            await client.AuthenticateAsync(_smtp.Username, _smtp.Password ?? "", cancellationToken);
        }
        return client;
    }

    public override async Task CloseIdleAsync(DateTime before, CancellationToken cancellationToken)
    {
        // Only the connections no email is using are in the channel.
        var free = new List<Connection>();
        while (_free.Reader.TryRead(out var connection))
        {
            free.Add(connection);
        }
        foreach (var connection in free)
        {
            if (connection.Client is not null && connection.LastUsed < before)
            {
                await connection.CloseAsync(quit: true);
            }
            _free.Writer.TryWrite(connection);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _all)
        {
            await connection.CloseAsync(quit: true);
        }
    }

    private sealed class Connection
    {
        public SmtpClient? Client { get; set; }
        public int Sent { get; set; }
        public DateTime LastUsed { get; set; }

        /// <summary>Ends the session politely (QUIT) or at once, and forgets it.</summary>
        public async Task CloseAsync(bool quit)
        {
            if (Client is not { } client)
            {
                return;
            }
            Client = null;
            Sent = 0;
            try
            {
                if (quit && client.IsConnected)
                {
                    // A server that no longer answers must not hold up a shutdown.
                    client.Timeout = 5_000;
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception exception) when (exception is IOException or SocketException or ServiceNotConnectedException or SmtpProtocolException or SmtpCommandException or TimeoutException or OperationCanceledException)
            {
                // Closing anyway.
            }
            finally
            {
                client.Dispose();
            }
        }
    }
}
