using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Campaigns;

/// <summary>The list of the versions of a campaign's text in the page's language.</summary>
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class VersionsModel(ReadCampaign readCampaign, ReadTextVersions readVersions) : PageModel
{
    public ReadCampaign.View Campaign { get; private set; } = null!;
    public IReadOnlyList<ReadTextVersions.Version> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        Versions = await readVersions.ListAsync(campaign, cancellationToken);
        return Page();
    }
}
