using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Campaigns;

/// <summary>A replaced version of a campaign's text, as it was published.</summary>
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class VersionModel(ReadCampaign readCampaign, ReadTextVersions readVersions) : PageModel
{
    public ReadCampaign.View Campaign { get; private set; } = null!;
    public ReadTextVersions.Text Text { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, [FromRoute] int version, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        var text = await readVersions.ReadAsync(campaign, version, cancellationToken);
        if (text is null)
        {
            return NotFound();
        }
        (Campaign, Text) = (campaign, text);
        return Page();
    }
}
