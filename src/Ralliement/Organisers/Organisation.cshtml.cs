namespace Ralliement.Organisers;

/// <summary>An organisation's home: its campaigns, with their state and count.</summary>
[Authorize(Policy = OrganisationAccess.Policy.See)]
public sealed class OrganisationModel(ReadOrganiserHome read) : OrganisationPageModel
{
    public IReadOnlyList<ReadOrganiserHome.CampaignRow> Campaigns { get; private set; } = [];

    public async Task OnGetAsync(string lang, CancellationToken cancellationToken)
    {
        Campaigns = await read.CampaignsAsync(Organisation, lang, cancellationToken);
    }
}
