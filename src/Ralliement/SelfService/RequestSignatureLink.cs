using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Ralliement.Campaigns;
using Ralliement.Mail;
using Ralliement.Privacy;
using Ralliement.Signing;

namespace Ralliement.SelfService;

/// <summary>
/// Sends a signer the link to everything kept about them, to the address they type now: once
/// confirmed, only a keyed hash of it is kept, which finds the signature but cannot be written to.
/// Returns nothing on purpose: the page answers the same whether the address signed or not.
/// </summary>
public sealed class RequestSignatureLink(
    RalliementDb db, AddressProtection addresses, Outbox outbox, ReadCampaign readCampaign,
    IStringLocalizer<SelfServiceText> text, TimeProvider clock, IOptions<SigningOptions> options)
{
    /// <summary>Long enough to open one's mail, short enough that a link left in an inbox soon opens nothing.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromHours(24);

    public async Task HandleAsync(ReadCampaign.View campaign, EmailAddress email, PublicLinks links, CancellationToken cancellationToken)
    {
        var key = addresses.Key(email);
        var found = await db.Signatures
            .Where(s => s.CampaignId == campaign.Id && s.EmailKey == key && s.State != SignatureState.Withdrawn)
            .Select(s => new { s.Id, s.Language })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var since = now - options.Value.RepeatMailInterval;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Conditional, like the signing form's repeats: of two requests at once, one writes.
        var mayWrite = await db.Signatures
            .Where(s => s.Id == found.Id && (s.LastMailAt == null || s.LastMailAt <= since))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastMailAt, now), cancellationToken);
        if (mayWrite == 0)
        {
            return;
        }
        var (token, hash) = SecretTokens.Create();
        // Marked used: this link opens the signer's page, never confirms a pending signature by itself.
        db.ConfirmationTokens.Add(new ConfirmationToken { SignatureId = found.Id, Hash = hash, ExpiresAt = now + LinkLifetime, UsedAt = now });
        await AddMailAsync(campaign.Slug, found.Language, email.Address, links, token, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
    }

    /// <summary>Written in the language the signer signed in, whatever the page they asked from.</summary>
    private async Task AddMailAsync(string slug, string language, string to, PublicLinks links, string token, CancellationToken cancellationToken)
    {
        var page = CultureInfo.CurrentUICulture;
        var format = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            var campaign = await readCampaign.HandleRecentAsync(slug, language, cancellationToken);
            var title = campaign?.Title ?? slug;
            var body = string.Join("\n\n",
                text["MailIntro", title],
                text["MailAction", links.MySignature(language, token)],
                text["MailIgnore"],
                $"-- \n{campaign?.Organisation.Name}\n{links.Campaign(language, slug)}");
            outbox.Add(db, to, text["MailSubject", title], body, OutboxPriority.Signer);
        }
        finally
        {
            CultureInfo.CurrentCulture = format;
            CultureInfo.CurrentUICulture = page;
        }
    }
}
