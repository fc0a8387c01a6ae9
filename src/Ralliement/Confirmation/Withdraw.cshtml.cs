using Ralliement.Campaigns;

namespace Ralliement.Confirmation;

/// <summary>
/// The withdrawal link shows a button and only the button's POST erases anything: mail scanners
/// open every link they see, and must not withdraw signatures by doing so.
/// </summary>
public sealed class WithdrawModel(WithdrawSignature withdrawSignature, ReadCampaign readCampaign) : PageModel
{
    public ReadCampaign.View? Campaign { get; private set; }
    public bool Withdrawn { get; private set; }
    /// <summary>Whether the signature is in the public count, which its withdrawal then lowers.</summary>
    public bool Counted { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string token, CancellationToken cancellationToken)
    {
        var signed = await withdrawSignature.FindAsync(token, cancellationToken);
        Counted = signed?.State == Data.SignatureState.Confirmed;
        return await ShowAsync(signed, lang, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] string lang, [FromRoute] string token, CancellationToken cancellationToken)
    {
        var signed = await withdrawSignature.HandleAsync(token, cancellationToken);
        Withdrawn = signed is not null;
        return await ShowAsync(signed, lang, cancellationToken);
    }

    /// <summary>The page, about the signature's campaign; a 404 page when the link is unknown, or already used.</summary>
    private async Task<IActionResult> ShowAsync(WithdrawSignature.Signed? signed, string lang, CancellationToken cancellationToken)
    {
        if (signed is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }
        Campaign = await readCampaign.HandleAsync(signed.CampaignSlug, lang, cancellationToken);
        return Page();
    }
}
