using Microsoft.Extensions.Localization;
using Ralliement.Mail;
using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>
/// "Send me a test": the post as signers will get it, to the signed-in organiser's own address only.
/// It carries no signer's unsubscribe link, counts as no sending and changes nothing in the post.
/// </summary>
public sealed class SendTestNews(RalliementDb db, Outbox outbox, UnsubscribeTokens tokens, IStringLocalizer<NewsWording> text, SendNews sender)
{
    /// <returns>The address the test went to, or null when the organiser has none to send it to.</returns>
    public async Task<string?> HandleAsync(OrganisationContext organisation, NewsCampaign campaign, NewsPost post, string language, CancellationToken cancellationToken)
    {
        var to = await AddressOfAsync(organisation, cancellationToken);
        if (to is null)
        {
            return null;
        }
        var details = await db.Campaigns.AsNoTracking().Where(c => c.Id == campaign.Id)
            .Select(c => new NewsMail.Campaign(c.Slug, c.DefaultLanguage, c.Organisation.Name, c.Organisation.AccentColour,
                c.Texts.Select(t => new KeyValuePair<string, string>(t.Language, t.Title)).ToList()))
            .SingleAsync(cancellationToken);
        var email = new NewsMail(text, tokens, new PublicLinks(sender.BaseUrl())).WriteTest(post, details, language);
        outbox.Add(db, to, email.Subject, email.Text, OutboxPriority.Organiser, email.Html);
        await db.SaveChangesAsync(cancellationToken);
        outbox.Notify();
        return to;
    }

    /// <summary>The signed-in organiser's own sign-in address.</summary>
    public Task<string?> AddressOfAsync(OrganisationContext organisation, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().Where(u => u.Id == organisation.OrganiserId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
}
