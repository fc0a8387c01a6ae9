using Ralliement.Campaigns;

namespace Ralliement.Signing;

/// <summary>
/// Where a signer lands after the form: told to open the email. It names the campaign's collective
/// like every public page; at a peak every signer comes here, so it reads the campaign as read a
/// moment ago, as the form's posts do.
/// </summary>
public sealed class CheckInboxModel(ReadCampaign readCampaign) : PageModel
{
    public ReadCampaign.View Campaign { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleRecentAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        return Page();
    }
}
