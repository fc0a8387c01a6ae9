using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Ralliement.Organisers;

/// <summary>An organisation's home: its campaigns, with their state and count.</summary>
[Authorize(Policy = OrganisationAccess.Policy.See)]
public sealed class OrganisationModel(ReadOrganiserHome read) : PageModel
{
    public OrganisationContext Organisation { get; private set; } = null!;
    public IReadOnlyList<ReadOrganiserHome.CampaignRow> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(string lang, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        Organisation = HttpContext.Organisation();
        Campaigns = await read.CampaignsAsync(Organisation, lang, cancellationToken);
    }
}
