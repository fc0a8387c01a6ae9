using Ralliement.Organisers;

namespace Ralliement.News;

/// <summary>The campaign news is about, found only among the organisation's own campaigns.</summary>
public sealed record NewsCampaign(int Id, string Slug, string Title, string DefaultLanguage)
{
    public static async Task<NewsCampaign?> FindAsync(RalliementDb db, OrganisationContext organisation, int id, string language, CancellationToken cancellationToken) =>
        await db.CampaignsOf(organisation).AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new NewsCampaign(
                c.Id,
                c.Slug,
                c.Texts.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault()
                    ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug,
                c.DefaultLanguage))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The campaign's page in the organisers' area, under which its news pages sit.</summary>
    public string OrganiserPath(OrganisationContext organisation) =>
        $"/{Ralliement.Shared.Languages.Current}/organiser/{organisation.Slug}/campaigns/{Id}";

    /// <summary>Who news goes to: confirmed signers who ticked "accepts news" and left an address, in signature order.</summary>
    public static IQueryable<Signature> Recipients(RalliementDb db, int campaignId) =>
        db.Signatures.Where(s => s.CampaignId == campaignId && s.State == SignatureState.Confirmed && s.AcceptsNews && s.SealedEmail != null);
}
