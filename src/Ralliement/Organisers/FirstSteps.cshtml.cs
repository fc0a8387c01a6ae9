using System.Security.Claims;

namespace Ralliement.Organisers;

/// <summary>Where a new account lands: what to do next in each organisation it owns, each step a link, ticked once done.</summary>
[Authorize]
public sealed class FirstStepsModel(ReadFirstSteps read, CreateOrganisation creation) : PageModel
{
    public IReadOnlyList<ReadFirstSteps.OrganisationSteps> Organisations { get; private set; } = [];

    /// <summary>Whether this organiser may create organisations (<see cref="CreateOrganisation.Setting"/>).</summary>
    public bool MayCreate => creation.Allowed;

    /// <summary>The organisation just created from the site, to say so.</summary>
    [FromQuery(Name = "created")]
    public string? Created { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await read.HandleAsync(User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
    }
}
