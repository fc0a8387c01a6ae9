using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Organisers;

namespace Ralliement.Export;

/// <summary>The page offering a campaign's downloads, saying what each file holds and why.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ExportSignatures)]
public sealed class ExportPageModel(RalliementDb db, ExportSignatures export) : OrganisationPageModel
{
    public string Title { get; private set; } = "";
    public int Signatures { get; private set; }
    public int Contacts { get; private set; }

    public async Task<IActionResult> OnGetAsync(string lang, int id, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(Organisation).AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                Title = c.Texts.Where(t => t.Language == lang).Select(t => t.Title).FirstOrDefault()
                    ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Title = campaign.Title;
        Signatures = await export.CountAsync(campaign.Id, ExportSet.Signatures, cancellationToken);
        Contacts = await export.CountAsync(campaign.Id, ExportSet.Contacts, cancellationToken);
        return Page();
    }
}
