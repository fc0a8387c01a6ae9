using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Ralliement.Mail;

/// <summary>Where emails go: a folder of .eml files for development, or an SMTP server.</summary>
public abstract class MailTransport
{
    public abstract Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>Writes each email as <c>&lt;message id&gt;.eml</c>; writing the same message again replaces the file.</summary>
public sealed class PickupDirectoryTransport(string directory) : MailTransport
{
    public string Directory { get; } = directory;

    public override async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var name = string.Concat((message.MessageId ?? MimeKit.Utils.MimeUtils.GenerateMessageId()).Split(Path.GetInvalidFileNameChars()));
        var final = Path.Combine(Directory, name + ".eml");
        var temporary = final + ".tmp";
        await message.WriteToAsync(temporary, cancellationToken);
        // A reader of the folder never sees half a message.
        File.Move(temporary, final, overwrite: true);
    }
}

public sealed class SmtpTransport(IOptions<MailOptions> options) : MailTransport
{
    public override async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = 30_000 };
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.Username))
        {
            await client.AuthenticateAsync(smtp.Username, smtp.Password ?? "", cancellationToken);
        }
        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
