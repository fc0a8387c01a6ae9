using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Campaigns;

/// <summary>A notice of a campaign, its legal or its privacy notice, written from its organisation's details.</summary>
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public abstract class CampaignNoticeModel(ReadCampaign readCampaign) : PageModel
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
