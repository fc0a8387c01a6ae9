using System.ServiceModel.Syndication;
using System.Xml;
using Ralliement.Feeds;

namespace Ralliement.Tests.Feeds;

/// <summary>What organisers type reaches a feed whatever characters it holds, and the feed stays XML.</summary>
public sealed class AtomTextTests
{
    [Fact]
    public void A_control_character_typed_in_a_title_or_a_text_is_left_out_and_the_feed_still_parses()
    {
        var header = new WriteAtom.Header("Nouvelles\v du collectif", "Collectif\u0001", "fr", "c/1",
            "https://example.org/fr/c/x/feed.atom", "https://example.org/fr/c/x", DateTime.UtcNow);
        var entry = new FeedEntry(1, "news/1", "Amendement\u000B : « 😀 » \uD800", "<p>Texte\u0008 collé</p>",
            "https://example.org/fr/c/x/news#news-1", DateTime.UtcNow);

        var bytes = WriteAtom.Write(header, [entry], "https://example.org");

        using var reader = XmlReader.Create(new MemoryStream(bytes));
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal("Nouvelles du collectif", feed.Title.Text);
        var item = Assert.Single(feed.Items);
        Assert.Equal("Amendement : « 😀 » ", item.Title.Text);
        Assert.Equal("<p>Texte collé</p>", ((TextSyndicationContent)item.Content).Text);
    }
}
