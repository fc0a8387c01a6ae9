using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;

namespace Ralliement.Organisers;

/// <summary>An organisation's home: its campaigns, with their state and count.</summary>
[Authorize(Policy = OrganisationAccess.Policy.See)]
public sealed class OrganisationModel(RalliementDb db) : OrganisationPageModel
{
    public sealed record Row(int Id, string Slug, string Title, CampaignState State, int SignatureCount, int Held);

    public IReadOnlyList<Row> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(string lang, CancellationToken cancellationToken)
    {
        Campaigns = await db.CampaignsOf(Organisation).AsNoTracking()
            .OrderByDescending(c => c.CreatedAt)
            .Select(c => new Row(
                c.Id,
                c.Slug,
                c.Texts.Where(t => t.Language == lang).Select(t => t.Title).FirstOrDefault()
                    ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug,
                c.State,
                c.SignatureCount,
                db.Signatures.Count(s => s.CampaignId == c.Id && s.State == SignatureState.Held)))
            .ToListAsync(cancellationToken);
    }
}
