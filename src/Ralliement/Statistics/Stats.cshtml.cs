using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Statistics;

/// <summary>A campaign's public statistics: over time, and by each field it collects, small counts grouped.</summary>
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class StatsModel(ReadStatistics read) : PageModel
{
    public ReadStatistics.Result Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string slug, CancellationToken cancellationToken)
    {
        if (await read.HandleAsync(slug, Languages.Current, cancellationToken) is not { } result)
        {
            return NotFound();
        }
        Result = result;
        return Page();
    }
}
