using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Shared;

namespace Ralliement.Campaigns;

/// <summary>The legal notice of a campaign (publisher, contact, host), written by its organisation.</summary>
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class LegalModel(ReadCampaign readCampaign) : PageModel
{
    public ReadCampaign.View Campaign { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        return Page();
    }
}
