using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;

namespace Ralliement.Feeds;

/// <summary>
/// Writes an Atom feed (RFC 4287) with the framework's syndication classes. Entry ids are <c>tag:</c>
/// URIs (RFC 4151) of the site's host, a fixed date and the event, so a reader never sees an entry twice
/// (the site's address changes nothing else).
/// </summary>
public static class WriteAtom
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    /// <summary>The date of the ids: fixed for good, whenever a site starts.</summary>
    private const string TagDate = "2026-12-07";

    /// <param name="Path">The feed's subject, for its id: <c>c/12</c> for a campaign, <c>o/slug</c> for an organisation.</param>
    public sealed record Header(string Title, string Author, string Language, string Path, string Self, string Alternate, DateTime Since);

    public static string TagOf(string baseUrl, string language, string path) =>
        $"tag:{new Uri(baseUrl).Host},{TagDate}:{language}/{path}";

    public static byte[] Write(Header header, IReadOnlyList<FeedEntry> entries, string baseUrl)
    {
        var updated = entries.Count > 0 ? entries.Max(e => e.Updated) : header.Since;
        var feed = new SyndicationFeed(XmlText(header.Title), null, new Uri(header.Alternate), TagOf(baseUrl, header.Language, header.Path), Utc(updated))
        {
            Language = header.Language,
        };
        feed.Links.Add(SyndicationLink.CreateSelfLink(new Uri(header.Self), "application/atom+xml"));
        feed.Authors.Add(new SyndicationPerson { Name = XmlText(header.Author) });
        feed.Items = [.. entries.Select(entry =>
        {
            var item = new SyndicationItem
            {
                Id = TagOf(baseUrl, header.Language, $"c/{entry.CampaignId.ToString(CultureInfo.InvariantCulture)}/{entry.Key}"),
                Title = new TextSyndicationContent(XmlText(entry.Title)),
                LastUpdatedTime = Utc(entry.Updated),
                PublishDate = Utc(entry.Updated),
            };
            item.Links.Add(SyndicationLink.CreateAlternateLink(new Uri(entry.Link), "text/html"));
            if (entry.HtmlContent is not null)
            {
                item.Content = new TextSyndicationContent(XmlText(entry.HtmlContent), TextSyndicationContentKind.Html);
            }
            return item;
        })];
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false) }))
        {
            new Atom10FeedFormatter(feed).WriteTo(writer);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// What organisers typed may hold control characters (a vertical tab pasted from a word processor)
    /// that a page shows as nothing but XML 1.0 cannot carry at all; they are left out, as a page shows them.
    /// </summary>
    public static string XmlText(string text)
    {
        try
        {
            return XmlConvert.VerifyXmlChars(text);
        }
        catch (XmlException)
        {
            var kept = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
                {
                    kept.Append(text, i++, 2);
                }
                else if (XmlConvert.IsXmlChar(text[i]))
                {
                    kept.Append(text[i]);
                }
            }
            return kept.ToString();
        }
    }

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));
}
