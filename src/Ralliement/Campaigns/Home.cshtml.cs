using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Campaigns;

[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class HomeModel(ReadPublicCampaigns read) : PageModel
{
    public IReadOnlyList<ReadPublicCampaigns.Item> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(string lang, CancellationToken cancellationToken) =>
        Campaigns = await read.HandleAsync(lang, cancellationToken);
}
