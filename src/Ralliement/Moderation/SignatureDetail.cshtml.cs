using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>One signature in full, for a moderator who must check it: the only place the address shows.</summary>
[Authorize(Policy = OrganisationAccess.Policy.ModerateSignatures)]
public sealed class SignatureDetailModel(ReadSignatureDetail read) : OrganisationPageModel
{
    public Signature Signature { get; private set; } = null!;
    public string CampaignSlug { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        if (await read.HandleAsync(Organisation, id, cancellationToken) is not { } found)
        {
            return NotFound();
        }
        Signature = found.Signature;
        CampaignSlug = found.CampaignSlug;
        return Page();
    }
}
