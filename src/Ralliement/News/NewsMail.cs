using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;
using Ralliement.Mail;

namespace Ralliement.News;

/// <summary>
/// One news email: the post in the signer's language (else the campaign's), rendered as the preview
/// shows it, with a plain-text part, a link to the campaign and a one-click unsubscribe link.
/// </summary>
public sealed partial class NewsMail(IStringLocalizer<NewsWording> text, UnsubscribeTokens tokens, PublicLinks links)
{
    /// <summary>The outbox's column for HTML; a longer body leaves as plain text only rather than not at all.</summary>
    public const int MaxHtml = 200_000;

    private const string LinkMark = "[[link]]";

    /// <summary>Accented letters stay as they are: the part is UTF-8.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public sealed record Campaign(string Slug, string DefaultLanguage, string OrganisationName, string? AccentColour, List<KeyValuePair<string, string>> Titles);

    /// <param name="SealedEmail">As stored (<see cref="Privacy.AddressProtection"/>): the outbox keeps it sealed.</param>
    public sealed record Recipient(long SignatureId, string SealedEmail, string Language);

    /// <param name="UnsubscribeUrl">The recipient's own link; null in a test, which no signer receives.</param>
    public sealed record Email(string Subject, string Text, string? Html, string? UnsubscribeUrl);

    public Email Write(NewsPost post, Campaign campaign, Recipient recipient)
    {
        var news = TextFor(post, campaign, recipient.Language);
        return Compose(news, campaign, links.Unsubscribe(news.Language, tokens.For(recipient.SignatureId)), test: false);
    }

    /// <summary>The email as a signer writing in <paramref name="language"/> would get it, marked as a test and with no signer's link.</summary>
    public Email WriteTest(NewsPost post, Campaign campaign, string language) =>
        Compose(TextFor(post, campaign, language), campaign, unsubscribe: null, test: true);

    private static NewsText TextFor(NewsPost post, Campaign campaign, string language) =>
        post.Texts.FirstOrDefault(t => t.Language == language)
            ?? post.Texts.FirstOrDefault(t => t.Language == campaign.DefaultLanguage)
            ?? post.Texts.First();

    private Email Compose(NewsText news, Campaign campaign, string? unsubscribe, bool test)
    {
        var language = news.Language;
        var title = campaign.Titles.FirstOrDefault(t => t.Key == language).Value
            ?? campaign.Titles.FirstOrDefault(t => t.Key == campaign.DefaultLanguage).Value ?? campaign.Slug;
        var campaignUrl = links.Campaign(language, campaign.Slug);
        // The footer is written in the language of the text, whatever the page that queued it.
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var (bodyHtml, bodyText) = MarkdownEmail.Render(news.BodyMarkdown);
            var why = text["MailWhy"].Value;
            var stop = unsubscribe ?? text["MailTestUnsubscribeLink"].Value;
            var subject = test ? text["MailTestSubject", news.Subject].Value : news.Subject;
            var plain = string.Join("\n\n",
                bodyText,
                $"-- \n{title}\n{campaignUrl}\n{campaign.OrganisationName}",
                why,
                text["MailUnsubscribe", stop].Value);
            var html = Html(language, subject, bodyHtml, title, campaignUrl, campaign, why, unsubscribe);
            return new Email(subject, plain, html.Length <= MaxHtml ? html : null, unsubscribe);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }

    private string Html(string language, string subject, string bodyHtml, string title, string campaignUrl, Campaign campaign, string why, string? unsubscribe)
    {
        var e = Encoder;
        var accent = campaign.AccentColour is { } colour && Colour().IsMatch(colour) ? colour : "#4a4a4a";
        // The same sentence as the text part, its address made a link; a test shows where each signer's link goes.
        var unsubscribeLine = unsubscribe is null
            ? e.Encode(text["MailUnsubscribe", text["MailTestUnsubscribeLink"]].Value)
            : e.Encode(text["MailUnsubscribe", LinkMark].Value).Replace(LinkMark, $"<a href=\"{e.Encode(unsubscribe)}\" style=\"color:{MarkdownEmail.LinkColour};text-decoration:underline;word-break:break-all;\">{e.Encode(unsubscribe)}</a>", StringComparison.Ordinal);
        var small = $"{MarkdownEmail.Font}font-size:14px;line-height:1.5;color:#3d3d3d;";
        // Tables for layout: the one structure every mail client lays out alike; role="presentation"
        // keeps screen readers from announcing them as data.
        return $"""
            <!DOCTYPE html>
            <html lang="{e.Encode(language)}" dir="ltr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light">
            <title>{e.Encode(subject)}</title>
            </head>
            <body style="margin:0;padding:0;background:#f3f3f1;">
            <div role="article" aria-roledescription="email" aria-label="{e.Encode(subject)}" lang="{e.Encode(language)}">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f3f3f1;">
            <tr><td align="center" style="padding:24px 8px;">
            <table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-top:6px solid {accent};">
            <tr><td style="padding:20px 24px 4px;{MarkdownEmail.Font}font-size:14px;font-weight:bold;color:#3d3d3d;">{e.Encode(campaign.OrganisationName)}</td></tr>
            <tr><td style="padding:12px 24px 8px;{MarkdownEmail.Font}font-size:16px;line-height:1.6;color:{MarkdownEmail.Ink};word-wrap:break-word;">
            {bodyHtml}
            </td></tr>
            <tr><td style="padding:16px 24px 24px;border-top:1px solid #dcdcdc;{small}">
            <p style="margin:0 0 12px;"><a href="{e.Encode(campaignUrl)}" style="color:{MarkdownEmail.LinkColour};text-decoration:underline;">{e.Encode(title)}</a><br>{e.Encode(campaign.OrganisationName)}</p>
            <p style="margin:0 0 12px;">{e.Encode(why)}</p>
            <p style="margin:0;">{unsubscribeLine}</p>
            </td></tr>
            </table>
            </td></tr>
            </table>
            </div>
            </body>
            </html>
            """;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Colour();
}
