using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Shared;

namespace Ralliement.Tests.Support;

/// <summary>Signatures put straight in the database in the state a moderation test starts from.</summary>
public partial class RalliementApp
{
    public async Task<int> DemoCampaignIdAsync() =>
        await WithDbAsync(db => db.Campaigns.Where(c => c.Slug == Slug).Select(c => c.Id).SingleAsync());

    /// <summary>A signature of the demo campaign (or another) in a given state; a confirmed one also counts, as in life.</summary>
    public async Task<long> SignatureAsync(SignatureState state, string? email = null, string firstName = "Ana", string lastName = "Lopes",
        bool showPublicly = true, bool acceptsNews = false, int? campaignId = null, DateTime? createdAt = null, string language = "fr")
    {
        email ??= UniqueEmail();
        var campaign = campaignId ?? await DemoCampaignIdAsync();
        return await WithDbAsync(async db =>
        {
            var now = createdAt ?? Clock.GetUtcNow().UtcDateTime;
            var signature = new Signature
            {
                CampaignId = campaign,
                State = state,
                Language = language,
                FirstName = firstName,
                LastName = lastName,
                SealedEmail = state == SignatureState.Pending || acceptsNews ? Seal(email) : null,
                EmailKey = KeyOf(email),
                EmailDomain = email[(email.LastIndexOf('@') + 1)..].ToLowerInvariant(),
                Institution = "Université de Test",
                SearchText = TypedText.SearchForm($"{firstName} {lastName} Université de Test"),
                ShowPublicly = showPublicly,
                AcceptsNews = acceptsNews,
                CreatedAt = now,
                ConfirmedAt = state == SignatureState.Confirmed ? now : null,
            };
            db.Signatures.Add(signature);
            await db.SaveChangesAsync();
            if (state == SignatureState.Confirmed)
            {
                await db.Campaigns.Where(c => c.Id == campaign).ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount + 1));
            }
            return signature.Id;
        });
    }

    public async Task<int> SignatureCountAsync(int? campaignId = null)
    {
        var campaign = campaignId ?? await DemoCampaignIdAsync();
        return await WithDbAsync(db => db.Campaigns.Where(c => c.Id == campaign).Select(c => c.SignatureCount).SingleAsync());
    }

    public Task<Signature> SignatureByIdAsync(long id) => WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.Id == id));

    /// <summary>A campaign of another organisation, with the slug given.</summary>
    public async Task<int> CampaignOfAsync(string organisation, string slug)
    {
        await OrganisationAsync(organisation);
        return await WithDbAsync(async db =>
        {
            var organisationId = await db.Organisations.Where(o => o.Slug == organisation).Select(o => o.Id).SingleAsync();
            var campaign = new Campaign { OrganisationId = organisationId, Slug = slug, DefaultLanguage = "fr", State = CampaignState.Open, CreatedAt = Clock.GetUtcNow().UtcDateTime };
            campaign.Texts.Add(new CampaignText { Language = "fr", Title = slug, Summary = slug, BodyMarkdown = slug, BodyHtml = slug });
            db.Campaigns.Add(campaign);
            await db.SaveChangesAsync();
            return campaign.Id;
        });
    }
}
