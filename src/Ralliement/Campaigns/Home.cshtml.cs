using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Shared;

namespace Ralliement.Campaigns;

[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class HomeModel(ReadPublicCampaigns read) : PageModel
{
    public IReadOnlyList<ReadPublicCampaigns.Item> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(string lang, CancellationToken cancellationToken) =>
        Campaigns = await read.HandleAsync(lang, cancellationToken);
}
