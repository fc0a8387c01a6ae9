using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Campaigns;

[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class ShowModel(ReadCampaign readCampaign, ListSignatories listSignatories) : PageModel
{
    public const int RecentCount = 10;

    public ReadCampaign.View Campaign { get; private set; } = null!;
    public IReadOnlyList<ListSignatories.Signatory> Recent { get; private set; } = [];
    public IReadOnlyList<ListSignatories.Signatory> RecentOrganisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        Recent = (await listSignatories.HandleAsync(campaign, SignatoryKind.Person, null, null, null, RecentCount, cancellationToken)).Signatories;
        if (campaign.OrganisationCount > 0)
        {
            RecentOrganisations = (await listSignatories.HandleAsync(campaign, SignatoryKind.Organisation, null, null, null, RecentCount, cancellationToken)).Signatories;
        }
        return Page();
    }
}
