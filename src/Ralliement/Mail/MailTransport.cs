using MimeKit;

namespace Ralliement.Mail;

/// <summary>Where emails go: a folder of .eml files for development, or an SMTP server.</summary>
public abstract class MailTransport
{
    /// <summary>How many emails may be in flight at once; the sender runs one sending loop for each.</summary>
    public virtual int Connections => 1;

    public abstract Task SendAsync(MimeMessage message, CancellationToken cancellationToken);

    /// <summary>Closes what has been unused since <paramref name="before"/>, so a quiet site holds no socket.</summary>
    public virtual Task CloseIdleAsync(DateTime before, CancellationToken cancellationToken) => Task.CompletedTask;
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
