using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Privacy;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.News;

[BothDatabases]
public sealed class NewsMailOrderTests
{
    [Fact]
    public async Task A_confirmation_queued_after_a_newsletter_and_an_invitation_leaves_first_and_the_news_last()
    {
        using var app = new RalliementApp();
        // The test runs the sender itself.
        app.Settings["Mail:SendInBackground"] = "false";
        _ = app.Address;
        var outbox = app.Services.GetRequiredService<Outbox>();
        var addresses = app.Services.GetRequiredService<AddressProtection>();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
            {
                outbox.AddNews(db, addresses.Seal($"news{i}@example.org"), "News", "Body", null, "http://localhost/fr/unsubscribe/x");
            }
            await db.SaveChangesAsync();
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            outbox.Add(db, "organiser@example.org", "Invitation", "Body", OutboxPriority.Organiser);
            await db.SaveChangesAsync();
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            outbox.Add(db, "signer@example.org", "Confirm", "Body", OutboxPriority.Signer);
            return await db.SaveChangesAsync();
        });
        var transport = new RecordingTransport();

        await ActivatorUtilities.CreateInstance<SendPendingEmails>(app.Services, transport).SendDueAsync(CancellationToken.None);

        var to = transport.Delivered.Select(m => m.To.Mailboxes.Single().Address).ToList();
        Assert.Equal(62, to.Count);
        Assert.Equal(["signer@example.org", "organiser@example.org"], to.Take(2));
        Assert.Equal("<http://localhost/fr/unsubscribe/x>", transport.Delivered[2].Headers["List-Unsubscribe"]);
        Assert.Null(transport.Delivered[0].Headers["List-Unsubscribe"]);
    }

    private sealed class RecordingTransport : MailTransport
    {
        public List<MimeMessage> Delivered { get; } = [];

        public override Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            Delivered.Add(message);
            return Task.CompletedTask;
        }
    }
}
