using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Notices;

/// <summary>An organisation's own privacy or legal notice, for all its campaigns, written from its settings.</summary>
[OutputCache(PolicyName = PublicPageCaching.Policy)]
public abstract class OrganisationNoticeModel(ReadOrganisationNotice readNotice) : PageModel
{
    public NoticeView Notice { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string org, CancellationToken cancellationToken)
    {
        var organisation = await readNotice.HandleAsync(org, cancellationToken);
        if (organisation is null)
        {
            return NotFound();
        }
        Notice = new NoticeView(organisation, lang, null);
        return Page();
    }
}

public sealed class OrganisationPrivacyModel(ReadOrganisationNotice readNotice) : OrganisationNoticeModel(readNotice);

public sealed class OrganisationLegalModel(ReadOrganisationNotice readNotice) : OrganisationNoticeModel(readNotice);
