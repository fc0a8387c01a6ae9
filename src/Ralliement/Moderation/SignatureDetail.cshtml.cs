using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>One signature in full, for a moderator who must check it: the only place the address shows.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ModerateSignatures)]
public sealed class SignatureDetailModel(ReadSignatureDetail read) : OrganisationPageModel
{
    public Signature Signature { get; private set; } = null!;
    public string CampaignTitle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string lang, long id, CancellationToken cancellationToken)
    {
        if (await read.HandleAsync(Organisation, id, lang, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Signature = found.Signature;
        CampaignTitle = found.CampaignTitle;
        return Page();
    }
}
