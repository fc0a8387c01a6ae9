using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Campaigns;

namespace Ralliement.News;

/// <summary>The campaign's published news, newest first, each under an anchor of its own.</summary>
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class PublicNewsModel(ReadCampaign readCampaign, ReadPublicNews readNews) : PageModel
{
    /// <summary>Enough for years of news; the feed carries the newest too.</summary>
    public const int Shown = 200;

    public ReadCampaign.View Campaign { get; private set; } = null!;
    public IReadOnlyList<ReadPublicNews.Post> Posts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, CancellationToken cancellationToken)
    {
        if (await readCampaign.HandleAsync(slug, lang, cancellationToken) is not { } campaign)
        {
            return NotFound();
        }
        Campaign = campaign;
        Posts = await readNews.ListAsync(campaign.Id, lang, Shown, cancellationToken);
        return Page();
    }
}
