using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.News;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.News;

public sealed class NewsTests
{
    private const string Header = "first_name,last_name,email,accepts_news,language\n";

    [BothDatabases]
    [Fact]
    public async Task News_reaches_only_confirmed_consenting_signers_in_their_language_with_one_click_unsubscribe()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        string french = RalliementApp.UniqueEmail("fr"), english = RalliementApp.UniqueEmail("en"), refused = RalliementApp.UniqueEmail("no"), pending = RalliementApp.UniqueEmail("pending");
        await RalliementApp.ImportCsvAsync(moderator, campaignId, Header + $"Ana,Lopes,{french},oui,fr\nBen,Smith,{english},yes,en\nCléo,Non,{refused},non,fr\n");
        var form = RalliementApp.Form(pending);
        form["AcceptsNews"] = "true";
        await app.SignAsync(form);
        await app.EmailToAsync(pending);

        var post = await RalliementApp.WriteNewsAsync(editor, campaignId, RalliementApp.NewsTexts());
        var draft = await editor.GetStringAsync(post);
        Assert.Contains("Merci <strong>à tous</strong> !", draft, StringComparison.Ordinal);
        Assert.Contains("Send to 2 signers", draft, StringComparison.Ordinal);
        var sent = await RalliementApp.SendNewsAsync(editor, post);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);

        var toFrench = await app.EmailToAsync(french);
        var toEnglish = await app.EmailToAsync(english);
        Assert.Equal("Nouvelles de la campagne", toFrench.Subject);
        Assert.Equal("News of the campaign", toEnglish.Subject);
        Assert.Contains("Merci à tous !", toFrench.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/fr/c/{RalliementApp.Slug}", toFrench.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/en/c/{RalliementApp.Slug}", toEnglish.TextBody, StringComparison.Ordinal);
        Assert.Contains("To stop receiving them:", toEnglish.TextBody, StringComparison.Ordinal);
        foreach (var email in new[] { toFrench, toEnglish })
        {
            Assert.Matches("^<https?://[^>]+/(fr|en)/unsubscribe/[A-Za-z0-9_-]+>$", email.Headers["List-Unsubscribe"]);
            Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        }
        // The post is sent and the sender has passed: an email to either of them would be here by now.
        await RalliementApp.EventuallyAsync(() => app.WithDbAsync(db => db.News.AnyAsync(n => n.State == NewsState.Sent)), "the post to be sent");
        await app.WaitForQueuedEmailsAsync();
        Assert.Empty(app.EmailsTo(refused));
        Assert.Single(app.EmailsTo(pending));
        var news = await app.WithDbAsync(db => db.News.AsNoTracking().SingleAsync());
        Assert.Equal((NewsState.Sent, 2), (news.State, news.RecipientCount));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "news.send" && a.Target == $"news:{news.Id}")));
        var list = await editor.GetStringAsync(RalliementApp.NewsPath(campaignId));
        Assert.Contains("Sent", list, StringComparison.OrdinalIgnoreCase);
        var parisTime = TimeZoneInfo.ConvertTimeFromUtc(news.SentAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"));
        Assert.Contains($"<td data-label=\"Sent on\">{parisTime.ToString("d MMM yyyy HH:mm", new System.Globalization.CultureInfo("en"))}</td>", list, StringComparison.Ordinal);

        // The page: opening the link changes nothing, the button unsubscribes.
        using var browser = app.Browser();
        var link = new Uri(toFrench.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        var page = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(await AcceptsNewsAsync(app, french));
        var pressed = await RalliementApp.PostFormAsync(browser, link, []);
        Assert.Equal(HttpStatusCode.OK, pressed.StatusCode);
        Assert.False(await AcceptsNewsAsync(app, french));
        // News was the only reason to keep the address: it goes with the consent.
        Assert.Null((await app.WithDbAsync(db => db.Signatures.SingleAsync(s => s.EmailKey == app.KeyOf(french)))).SealedEmail);

        // One click from a mail client: cross-site, no cookie, no form token; idempotent.
        var oneClick = new Uri(toEnglish.Headers["List-Unsubscribe"]!.Trim('<', '>')).PathAndQuery;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, oneClick)
            {
                Content = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]),
            };
            request.Headers.Add("Sec-Fetch-Site", "cross-site");
            request.Headers.Add("Origin", "https://mail.example.net");
            using var client = app.Browser();
            var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.False(await AcceptsNewsAsync(app, english));
        using var other = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync("/en/unsubscribe/not-a-token", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))).StatusCode);
        // Cross-site posts elsewhere are still refused.
        using var crossSite = new HttpRequestMessage(HttpMethod.Post, $"/fr/c/{RalliementApp.Slug}/sign") { Content = new FormUrlEncodedContent(RalliementApp.Form(RalliementApp.UniqueEmail())) };
        crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
        Assert.Equal(HttpStatusCode.Forbidden, (await other.SendAsync(crossSite)).StatusCode);
    }

    [BothDatabases]
    [Fact]
    public async Task Sending_is_throttled_and_resumes_after_a_restart_with_one_email_per_signer()
    {
        using var app = new RalliementApp();
        app.Settings["News:BatchSize"] = "2";
        // The test clock only moves when told: one batch per hour means one batch until the test moves it.
        app.Settings["News:BatchInterval"] = "01:00:00";
        var campaignId = await app.DemoCampaignIdAsync();
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var signers = Enumerable.Range(1, 5).Select(i => RalliementApp.UniqueEmail($"s{i}")).ToList();
        await RalliementApp.ImportCsvAsync(moderator, campaignId, Header + string.Concat(signers.Select(s => $"A,B,{s},yes,fr\n")));

        var post = await RalliementApp.WriteNewsAsync(editor, campaignId, RalliementApp.NewsTexts(english: null));
        var waits = app.Clock.TimersSetFor(TimeSpan.FromHours(1));
        await RalliementApp.SendNewsAsync(editor, post);
        await app.WaitForRecipientsAsync(2);
        // After its batch the job waits an hour of the test clock: nothing more is queued until it moves.
        await RalliementApp.EventuallyAsync(() => Task.FromResult(app.Clock.TimersSetFor(TimeSpan.FromHours(1)) > waits), "the job to wait for its next batch");
        Assert.Equal(2, await app.WithDbAsync(db => db.News.SumAsync(n => n.RecipientCount)));
        Assert.Equal(2, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.UnsubscribeUrl != null)));

        // A restart: the running sender stops, a new one with no memory of the first takes over.
        var first = app.Services.GetRequiredService<SendNews>();
        await first.StopAsync(CancellationToken.None);
        var restarted = ActivatorUtilities.CreateInstance<SendNews>(app.Services);
        await restarted.StartAsync(CancellationToken.None);
        try
        {
            await app.WaitForRecipientsAsync(4);
            for (var i = 0; i < 50 && await app.WithDbAsync(db => db.News.AnyAsync(n => n.State != NewsState.Sent)); i++)
            {
                app.Clock.Advance(TimeSpan.FromHours(1));
                await Task.Delay(200);
            }
        }
        finally
        {
            await restarted.StopAsync(CancellationToken.None);
        }

        var news = await app.WithDbAsync(db => db.News.AsNoTracking().SingleAsync());
        Assert.Equal((NewsState.Sent, 5), (news.State, news.RecipientCount));
        foreach (var signer in signers)
        {
            await app.EmailToAsync(signer);
        }
        await app.WaitForQueuedEmailsAsync();
        Assert.All(signers, s => Assert.Single(app.EmailsTo(s)));
    }

    [BothDatabases]
    [Fact]
    public async Task The_sending_job_queues_one_batch_per_run_from_where_it_stopped()
    {
        using var app = new RalliementApp();
        app.Settings["News:BatchSize"] = "2";
        app.Settings["News:PollInterval"] = "01:00:00";
        var campaignId = await app.DemoCampaignIdAsync();
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        await RalliementApp.ImportCsvAsync(moderator, campaignId, Header + string.Concat(Enumerable.Range(1, 3).Select(i => $"A,B,{RalliementApp.UniqueEmail()},yes,fr\n")));
        await app.Services.GetRequiredService<SendNews>().StopAsync(CancellationToken.None);
        var post = await RalliementApp.WriteNewsAsync(editor, campaignId, RalliementApp.NewsTexts(english: null));
        await RalliementApp.SendNewsAsync(editor, post);
        var newsId = await app.WithDbAsync(db => db.News.Select(n => n.Id).SingleAsync());

        Assert.Equal(2, await ActivatorUtilities.CreateInstance<SendNews>(app.Services).SendBatchAsync(newsId, CancellationToken.None));
        Assert.Equal(1, await ActivatorUtilities.CreateInstance<SendNews>(app.Services).SendBatchAsync(newsId, CancellationToken.None));
        Assert.Equal(0, await ActivatorUtilities.CreateInstance<SendNews>(app.Services).SendBatchAsync(newsId, CancellationToken.None));

        var news = await app.WithDbAsync(db => db.News.AsNoTracking().SingleAsync());
        Assert.Equal((NewsState.Sent, 3), (news.State, news.RecipientCount));
        Assert.Equal(3, await app.WithDbAsync(db => db.Outbox.CountAsync(m => m.UnsubscribeUrl != null)));
    }

    [Fact]
    public async Task A_draft_needs_the_campaign_language_and_cannot_change_once_sent()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);

        var refused = await RalliementApp.PostFormAsync(editor, RalliementApp.NewsPath(campaignId), new() { ["Subject[en]"] = "Only English", ["Body[en]"] = "Text" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("This field is required.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.News.CountAsync()));

        var post = await RalliementApp.WriteNewsAsync(editor, campaignId, RalliementApp.NewsTexts(english: null));
        await RalliementApp.SendNewsAsync(editor, post);
        var again = await RalliementApp.PostFormAsync(editor, post + "?handler=save", RalliementApp.NewsTexts("Autre"), RalliementApp.NewsPath(campaignId));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var resend = await RalliementApp.PostFormAsync(editor, post + "?handler=send", [], RalliementApp.NewsPath(campaignId));
        Assert.Equal(HttpStatusCode.Conflict, resend.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditLog.CountAsync(a => a.Action == "news.send")));
    }

    [Fact]
    public async Task Only_members_who_may_send_news_reach_the_news_pages()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);
        using var stranger = await app.SignedInAsync(OrganisationRole.Owner, await app.OrganisationAsync("autre-collectif"));
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var post = await RalliementApp.WriteNewsAsync(editor, campaignId, RalliementApp.NewsTexts());

        Assert.Equal(HttpStatusCode.OK, (await editor.GetAsync(RalliementApp.NewsPath(campaignId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync(RalliementApp.NewsPath(campaignId))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync(post)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(RalliementApp.NewsPath(campaignId))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(RalliementApp.NewsPath(campaignId, organisation: "autre-collectif"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(post.Replace(RalliementApp.DemoOrganisation, "autre-collectif", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await editor.GetAsync(RalliementApp.NewsPath(campaignId) + "/99999")).StatusCode);
    }

    private static Task<bool> AcceptsNewsAsync(RalliementApp app, string email) =>
        app.WithDbAsync(db => db.Signatures.Where(s => s.EmailKey == app.KeyOf(email)).Select(s => s.AcceptsNews).SingleAsync());
}
