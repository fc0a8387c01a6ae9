using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>One signature in full, for a moderator who must check it: the only place the address shows.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ModerateSignatures)]
public sealed class SignatureDetailModel(RalliementDb db) : OrganisationPageModel
{
    public Signature Signature { get; private set; } = null!;
    public string CampaignSlug { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var organisationId = Organisation.Id;
        var found = await db.Signatures.AsNoTracking()
            .Where(s => s.Id == id && s.Campaign.OrganisationId == organisationId && s.State != SignatureState.Withdrawn)
            .Select(s => new { Signature = s, s.Campaign.Slug })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return NotFound();
        }
        Signature = found.Signature;
        CampaignSlug = found.Slug;
        return Page();
    }
}
