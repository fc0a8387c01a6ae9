using Ralliement.Campaigns;

namespace Ralliement.Confirmation;

/// <summary>
/// Opening the link of a confirmation email confirms the signature: reaching the link proves the
/// signer reads that inbox, which is all double opt-in asks.
/// </summary>
public sealed class ConfirmModel(ConfirmSignature confirmSignature, ReadCampaign readCampaign) : PageModel
{
    public ConfirmSignature.Outcome Outcome { get; private set; }
    public ReadCampaign.View? Campaign { get; private set; }
    public string Token { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string token, CancellationToken cancellationToken)
    {
        var result = await confirmSignature.HandleAsync(token, cancellationToken);
        Outcome = result.Outcome;
        Token = token;
        if (result.CampaignSlug is not null)
        {
            Campaign = await readCampaign.HandleAsync(result.CampaignSlug, lang, cancellationToken);
        }
        Response.StatusCode = Outcome switch
        {
            ConfirmSignature.Outcome.Expired => StatusCodes.Status410Gone,
            ConfirmSignature.Outcome.Unknown => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status200OK,
        };
        return Page();
    }
}
