using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ralliement.Campaigns;
using Ralliement.Mail;

namespace Ralliement.Signing;

/// <summary>The emails a signer receives, written in the language of the page they signed on.</summary>
public sealed class SignerMail(
    Outbox outbox, IStringLocalizer<Text> sharedText, IStringLocalizer<SelfService.SelfServiceText> selfServiceText, IStringLocalizer<Kit.KitText> kitText,
    IOptions<SigningOptions> options)
{
    /// <param name="organisationName">When an organisation signs: its name; <paramref name="to"/> is its representative.</param>
    public void AddConfirmation(RalliementDb db, ReadCampaign.View campaign, string to, string firstName, PublicLinks links, string token, string? organisationName = null)
    {
        var language = Languages.Current;
        var days = (int)Math.Ceiling(options.Value.ConfirmationLifetime.TotalDays);
        var intro = sharedText["MailConfirmIntro", campaign.Title, campaign.Organisation.Name].Value;
        if (organisationName is not null)
        {
            intro += " " + sharedText["MailConfirmForOrganisation", organisationName];
        }
        var body = string.Join("\n\n",
            sharedText["MailHello", firstName],
            intro,
            sharedText["MailConfirmAction", links.Confirm(language, token)],
            sharedText[Languages.CountKey("MailConfirmExpiry", days), days],
            kitText["MailKitLine", Kit.KitLinks.For(campaign, links.BaseUrl).Page],
            sharedText["MailWithdraw", links.Withdraw(language, token)],
            sharedText["MailNotYou"],
            Signature(campaign, links, language));
        outbox.Add(db, to, sharedText["MailConfirmSubject", campaign.Title], body, OutboxPriority.Signer);
    }

    public void AddAlreadySigned(RalliementDb db, ReadCampaign.View campaign, string to, PublicLinks links, string token) =>
        AddSignedBefore(db, campaign, to, links, token, "MailAlreadySignedIntro");

    /// <summary>To an address whose signature was confirmed and then held or rejected by moderators.</summary>
    public void AddAlreadyRecorded(RalliementDb db, ReadCampaign.View campaign, string to, PublicLinks links, string token) =>
        AddSignedBefore(db, campaign, to, links, token, "MailAlreadyRecordedIntro");

    /// <summary>Both answers to an address that signed before share their subject: only the first paragraph says which it is.</summary>
    private void AddSignedBefore(RalliementDb db, ReadCampaign.View campaign, string to, PublicLinks links, string token, string introKey)
    {
        var language = Languages.Current;
        var body = string.Join("\n\n",
            sharedText[introKey, campaign.Title],
            sharedText["MailWithdraw", links.Withdraw(language, token)],
            sharedText["MailNotYou"],
            Signature(campaign, links, language));
        outbox.Add(db, to, sharedText["MailAlreadySignedSubject", campaign.Title], body, OutboxPriority.Signer);
    }

    private string Signature(ReadCampaign.View campaign, PublicLinks links, string language) =>
        $"-- \n{campaign.Organisation.Name}\n{links.Campaign(language, campaign.Slug)}\n"
        // A published campaign's organisation has a public contact; without one, no line rather than an empty address.
        + (campaign.Organisation.ContactEmail is { } contact ? sharedText["MailPrivacy", contact] + "\n" : "")
        + selfServiceText["MailSelfServiceLine", links.MySignatureRequest(language, campaign.Slug)];
}
