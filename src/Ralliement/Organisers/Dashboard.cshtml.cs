using System.Security.Claims;

namespace Ralliement.Organisers;

/// <summary>The organisations the signed-in organiser belongs to, with their role in each.</summary>
[Authorize]
public sealed class DashboardModel(ReadOrganiserHome read) : PageModel
{
    public IReadOnlyList<ReadOrganiserHome.OrganisationRow> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Organisations = await read.MembershipsAsync(User.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
    }
}
