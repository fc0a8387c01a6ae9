using Microsoft.Extensions.Options;

namespace Ralliement.Mail;

public static class MailServices
{
    public static void AddMail(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<MailOptions>(builder.Configuration.GetSection("Mail"));
        builder.Services.AddSingleton<Outbox>();
        builder.Services.AddSingleton<MailPace>();
        builder.Services.AddSingleton<MailTransport>(services =>
        {
            var options = services.GetRequiredService<IOptions<MailOptions>>();
            if (!string.IsNullOrEmpty(options.Value.Smtp.Host))
            {
                return new SmtpTransport(options, services.GetRequiredService<TimeProvider>());
            }
            var folder = options.Value.PickupDirectory is { Length: > 0 } configured
                ? configured
                : Path.Combine(builder.Configuration.DataDirectory(builder.Environment), "mail");
            return new PickupDirectoryTransport(Path.GetFullPath(folder, builder.Environment.ContentRootPath));
        });
        builder.Services.AddSingleton<SendPendingEmails>();
        builder.Services.AddHostedService(services => services.GetRequiredService<SendPendingEmails>());
    }
}
