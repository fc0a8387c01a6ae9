using MailKit.Security;

namespace Ralliement.Mail;

public sealed class MailOptions
{
    /// <summary>Sender shown in every email.</summary>
    public string From { get; set; } = "Ralliement <ralliement@localhost>";

    /// <summary>Folder where emails are written as .eml files when no SMTP host is set; default &lt;DataDirectory&gt;/mail.</summary>
    public string? PickupDirectory { get; set; }

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Attempts before a message is given up and left as failed for an operator to look at.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>Whether this process sends the outbox; turn off on a node that should only take signatures.</summary>
    public bool SendInBackground { get; set; } = true;

    /// <summary>How often the sender looks for due messages when nothing woke it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a sender holds the group of messages it claimed before another may take them. A
    /// sender gives back what it has not sent by half this time, leaving the other half for the email
    /// in flight (four steps of at most 30 s) and clock skew between nodes; a message whose sender
    /// died is sent again after this delay, under the same Message-Id.
    /// </summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.Auto;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>Connections kept open to the server, each sending one email after another.</summary>
    public int Connections { get; set; } = 4;

    /// <summary>
    /// Emails sent on one connection before it is closed and opened again. Many providers cap a
    /// session (Gmail and Microsoft 365 near 100, some hosts lower) and answer 421 beyond it; 100
    /// keeps the cost of opening a connection (TLS, AUTH) under 1 % of the exchanges.
    /// </summary>
    public int MessagesPerConnection { get; set; } = 100;

    /// <summary>A ceiling on emails per second over all connections, for providers that bill or block above a rate; none by default.</summary>
    public int? MaxPerSecond { get; set; }
}
