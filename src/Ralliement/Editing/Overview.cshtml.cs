using Ralliement.Mail;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>One campaign as its organisers see it, with a link to every page about it that their role opens.</summary>
[Authorize(Policy = OrganisationAccess.Policy.See)]
public sealed class OverviewModel(ReadCampaignOverview readOverview, CompareTranslations compareTranslations, IConfiguration configuration) : OrganisationPageModel
{
    public ReadCampaignOverview.View Campaign { get; private set; } = null!;

    /// <summary>The site's emails waiting to leave: during a peak, whether confirmations keep up.</summary>
    public OutboxBacklog Backlog { get; private set; } = null!;

    /// <summary>Texts amended in one language and not (yet) in the other.</summary>
    public IReadOnlyList<CompareTranslations.Lag> Lags { get; private set; } = [];

    /// <summary>The campaign's public address in full, as organisers copy it into a post or an email.</summary>
    public PublicLinks Links => PublicLinks.For(Request, configuration);

    /// <summary>The state change just made, to confirm it (after the redirect that follows a post).</summary>
    [FromQuery(Name = "done")]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var campaign = await readOverview.HandleAsync(Organisation, id, cancellationToken);
        if (campaign is null)
        {
            return NotFound();
        }
        Campaign = campaign;
        Lags = await compareTranslations.AllAsync(id, cancellationToken);
        Backlog = await readOverview.BacklogAsync(cancellationToken);
        return Page();
    }
}
