using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Campaigns;

[OutputCache(PolicyName = PublicPageCaching.Policy)]
public sealed class SignatoriesModel(ReadCampaign readCampaign, ListSignatories listSignatories) : PageModel
{
    public ReadCampaign.View Campaign { get; private set; } = null!;
    public ListSignatories.Page Results { get; private set; } = null!;

    [FromQuery(Name = "q")]
    public string? Search { get; set; }

    /// <summary>Organisations are listed apart, with their own pages: <c>?kind=organisations</c>.</summary>
    [FromQuery(Name = "kind")]
    public string? KindName { get; set; }

    public SignatoryKind Kind => KindName == OrganisationsKindName ? SignatoryKind.Organisation : SignatoryKind.Person;

    public const string OrganisationsKindName = "organisations";

    public async Task<IActionResult> OnGetAsync([FromRoute] string lang, [FromRoute] string slug, [FromQuery] long? before, [FromQuery] long? after, CancellationToken cancellationToken)
    {
        var campaign = await readCampaign.HandleAsync(slug, lang, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        if (Search?.Length > ListSignatories.MaxSearchLength)
        {
            Search = Search[..ListSignatories.MaxSearchLength];
        }
        Campaign = campaign;
        Results = await listSignatories.HandleAsync(campaign, Kind, Search, before, after, ListSignatories.PageSize, cancellationToken);
        return Page();
    }

    public string PageLink(string direction, long id) =>
        $"?{direction}={id}" + (Kind == SignatoryKind.Organisation ? "&kind=" + OrganisationsKindName : "")
        + (string.IsNullOrWhiteSpace(Search) ? "" : "&q=" + Uri.EscapeDataString(Search));
}
