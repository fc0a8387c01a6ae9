using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.News;

public sealed class NewsMailOrderTests
{
    [Fact]
    public async Task A_confirmation_email_queued_after_a_newsletter_leaves_before_it()
    {
        using var app = new RalliementApp();
        // The test runs the sender's batches itself.
        app.Settings["Mail:SendInBackground"] = "false";
        _ = app.Address;
        var outbox = app.Services.GetRequiredService<Outbox>();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
            {
                outbox.Add(db, $"news{i}@example.org", "News", "Body", "http://localhost/fr/unsubscribe/x");
            }
            await db.SaveChangesAsync();
            app.Clock.Advance(TimeSpan.FromSeconds(1));
            outbox.Add(db, "signer@example.org", "Confirm", "Body");
            return await db.SaveChangesAsync();
        });

        // One batch (50) of 61 due messages: the confirmation, queued last, is in it.
        await app.Services.GetRequiredService<SendPendingEmails>().SendDueAsync(CancellationToken.None);

        Assert.Single(app.EmailsTo("signer@example.org"));
        Assert.Equal(49, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.State == OutboxState.Sent && m.UnsubscribeUrl != null)));
        var news = app.EmailsTo("news0@example.org").Single();
        Assert.Equal("<http://localhost/fr/unsubscribe/x>", news.Headers["List-Unsubscribe"]);
        Assert.Null(app.EmailsTo("signer@example.org")[0].Headers["List-Unsubscribe"]);
    }
}
