using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Campaigns;

namespace Ralliement.Kit;

/// <summary>
/// The card a website frames: the collective, the title, the count and its progress, and a link that
/// opens the campaign on its own site in a new tab, so that signing (its proof of work, its cookie-free
/// form, its confirmation) always happens here and never inside someone else's page. No script, no
/// cookie; kept like a public page, once per theme whatever else its address carries.
/// </summary>
[PolicyAllows("frame-ancestors", "*")]
[OutputCache(PolicyName = PublicPageCaching.Policy, VaryByQueryKeys = [ThemeKey])]
public sealed class CardModel(ReadCampaign readCampaign) : PageModel
{
    public const string ThemeKey = "theme";

    public ReadCampaign.View Campaign { get; private set; } = null!;

    /// <summary>Light text on a dark ground, for dark sites; anything but <c>?theme=dark</c> is light.</summary>
    public bool Dark { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, [FromQuery(Name = ThemeKey)] string? theme, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        Dark = theme == "dark";
        return Page();
    }
}
