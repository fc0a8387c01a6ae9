using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;

namespace Ralliement.Organisers;

/// <summary>The organisations the signed-in organiser belongs to, with their role in each.</summary>
[Authorize]
public sealed class DashboardModel(RalliementDb db) : PageModel
{
    public sealed record Row(string Slug, string Name, OrganisationRole Role);

    public IReadOnlyList<Row> Organisations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var organiserId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        Organisations = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganiserId == organiserId)
            .OrderBy(m => m.Organisation.Name)
            .Select(m => new Row(m.Organisation.Slug, m.Organisation.Name, m.Role))
            .ToListAsync(cancellationToken);
    }
}
