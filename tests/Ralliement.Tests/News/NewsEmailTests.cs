using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.News;

public sealed class NewsEmailTests
{
    private const string Header = "first_name,last_name,email,accepts_news,language\n";

    private static Dictionary<string, string> Post(string subject = "Le bilan") => new()
    {
        ["Subject[fr]"] = subject,
        ["Body[fr]"] = "Merci **à tous** ! Lisez [le bilan](https://example.org/bilan).\n\n- un\n- deux",
    };

    [Fact]
    public async Task A_signer_gets_the_post_as_the_preview_shows_it_and_a_plain_text_without_markdown()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var signer = RalliementApp.UniqueEmail("fr");
        await RalliementApp.ImportCsvAsync(moderator, campaignId, Header + $"Ana,Lopes,{signer},oui,fr\n");

        var post = await RalliementApp.WriteNewsAsync(editor, campaignId, Post());
        await RalliementApp.SendNewsAsync(editor, post);
        var email = await app.EmailToAsync(signer);

        Assert.IsType<MultipartAlternative>(email.Body);
        var html = email.HtmlBody;
        Assert.Contains("<html lang=\"fr\"", html, StringComparison.Ordinal);
        Assert.Contains("<strong>à tous</strong>", html, StringComparison.Ordinal);
        Assert.Matches("<a href=\"https://example.org/bilan\"[^>]*>le bilan</a>", html);
        var organisation = await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.Name).SingleAsync());
        Assert.Contains(organisation, html, StringComparison.Ordinal);
        var unsubscribe = email.Headers["List-Unsubscribe"]!.Trim('<', '>');
        Assert.Equal("List-Unsubscribe=One-Click", email.Headers["List-Unsubscribe-Post"]);
        Assert.Contains($"href=\"{unsubscribe}\"", html, StringComparison.Ordinal);

        var text = email.TextBody;
        Assert.DoesNotContain("**", text, StringComparison.Ordinal);
        Assert.Contains("Merci à tous ! Lisez le bilan (https://example.org/bilan).", text, StringComparison.Ordinal);
        Assert.Contains("- un\n- deux", text!.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Contains(unsubscribe, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_me_a_test_reaches_only_the_organiser_marked_as_a_test_and_sends_nothing_else()
    {
        using var app = new RalliementApp();
        var campaignId = await app.DemoCampaignIdAsync();
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);
        var address = await app.OrganiserAccountAsync(OrganisationRole.Editor);
        using var editor = app.Browser();
        await RalliementApp.LogInAsync(editor, address, RalliementApp.TestPassword);
        var signer = RalliementApp.UniqueEmail("fr");
        await RalliementApp.ImportCsvAsync(moderator, campaignId, Header + $"Ana,Lopes,{signer},oui,fr\n");
        var post = await RalliementApp.WriteNewsAsync(editor, campaignId, Post());
        var page = await editor.GetStringAsync(post);
        Assert.Contains("Send me a test", page, StringComparison.Ordinal);
        var before = await app.WithDbAsync(db => db.Outbox.CountAsync());

        var tested = await RalliementApp.PostFormAsync(editor, post + "?handler=test", [], post);
        Assert.Equal(HttpStatusCode.Redirect, tested.StatusCode);
        Assert.Contains($"A test was sent to {address}", await editor.GetStringAsync(tested.Headers.Location!.OriginalString), StringComparison.Ordinal);

        var test = await app.EmailToAsync(address);
        Assert.Equal("[Test] Le bilan", test.Subject);
        Assert.Contains("<strong>à tous</strong>", test.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("**", test.TextBody, StringComparison.Ordinal);
        Assert.Null(test.Headers["List-Unsubscribe"]);
        Assert.DoesNotContain("/unsubscribe/", test.TextBody + test.HtmlBody, StringComparison.Ordinal);
        await app.WaitForQueuedEmailsAsync();
        // One email more than before the test (the sender's marker aside), to the organiser; the post is still a draft.
        Assert.Equal(before + 2, await app.WithDbAsync(db => db.Outbox.CountAsync()));
        Assert.Empty(app.EmailsTo(signer));
        var news = await app.WithDbAsync(db => db.News.AsNoTracking().SingleAsync());
        Assert.Equal((NewsState.Draft, 0), (news.State, news.RecipientCount));
    }
}
