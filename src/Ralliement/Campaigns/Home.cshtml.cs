using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Shared;

namespace Ralliement.Campaigns;

[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class HomeModel(RalliementDb db) : PageModel
{
    public sealed record Item(string Slug, string Title, string Summary, int SignatureCount, CampaignState State);

    public IReadOnlyList<Item> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(string lang, CancellationToken cancellationToken)
    {
        var campaigns = await db.Campaigns.AsNoTracking()
            .Where(c => c.State == CampaignState.Open || c.State == CampaignState.Closed)
            .OrderByDescending(c => c.State == CampaignState.Open).ThenByDescending(c => c.CreatedAt)
            .Select(c => new { c.Slug, c.SignatureCount, c.State, c.DefaultLanguage, Texts = c.Texts.Select(t => new { t.Language, t.Title, t.Summary }).ToList() })
            .Take(100)
            .ToListAsync(cancellationToken);
        Campaigns = campaigns.Select(c =>
        {
            var text = c.Texts.FirstOrDefault(t => t.Language == lang) ?? c.Texts.FirstOrDefault(t => t.Language == c.DefaultLanguage) ?? c.Texts[0];
            return new Item(c.Slug, text.Title, text.Summary, c.SignatureCount, c.State);
        }).ToList();
    }
}
