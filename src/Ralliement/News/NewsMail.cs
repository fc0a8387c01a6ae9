using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Ralliement.News;

/// <summary>One news email: the post in the signer's language (else the campaign's), a link to the campaign, a one-click unsubscribe link.</summary>
public sealed class NewsMail(IStringLocalizer<NewsWording> text, UnsubscribeTokens tokens, PublicLinks links)
{
    public sealed record Campaign(string Slug, string DefaultLanguage, string OrganisationName, List<KeyValuePair<string, string>> Titles);

    /// <param name="SealedEmail">As stored (<see cref="Privacy.AddressProtection"/>): the outbox keeps it sealed.</param>
    public sealed record Recipient(long SignatureId, string SealedEmail, string Language);

    public (string Subject, string Body, string UnsubscribeUrl) Write(NewsPost post, Campaign campaign, Recipient recipient)
    {
        var news = post.Texts.FirstOrDefault(t => t.Language == recipient.Language)
            ?? post.Texts.FirstOrDefault(t => t.Language == campaign.DefaultLanguage)
            ?? post.Texts.First();
        var language = news.Language;
        var title = campaign.Titles.FirstOrDefault(t => t.Key == language).Value
            ?? campaign.Titles.FirstOrDefault(t => t.Key == campaign.DefaultLanguage).Value ?? campaign.Slug;
        var unsubscribe = links.Unsubscribe(language, tokens.For(recipient.SignatureId));
        // The footer is written in the language of the text, whatever the page that queued it.
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            var body = string.Join("\n\n",
                news.BodyMarkdown,
                $"-- \n{title}\n{links.Campaign(language, campaign.Slug)}\n{campaign.OrganisationName}",
                text["MailWhy"],
                text["MailUnsubscribe", unsubscribe]);
            return (news.Subject, body, unsubscribe);
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
