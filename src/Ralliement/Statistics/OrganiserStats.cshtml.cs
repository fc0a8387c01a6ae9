using Ralliement.Organisers;

namespace Ralliement.Statistics;

/// <summary>
/// A campaign's statistics for its organisers: the public figures without grouping small counts, the
/// last 48 hours, and where signatures came from. Never cached (<see cref="PrivatePages"/>).
/// </summary>
[Authorize(Policy = OrganisationAccess.Policy.See)]
public sealed class OrganiserStatsModel(ReadStatistics read) : OrganisationPageModel
{
    public ReadStatistics.Result Result { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (await read.ForOrganisersAsync(Organisation, id, Languages.Current, cancellationToken) is not { } result)
        {
            return NotFound();
        }
        Result = result;
        return Page();
    }
}
