using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>An organisation's members with their role, and the invitations still waiting for an answer.</summary>
public sealed class ReadMembers(RalliementDb db, TimeProvider clock)
{
    public sealed record Member(string Id, string? Name, string Email, OrganisationRole Role, bool TwoFactor);

    public sealed record Pending(int Id, string Email, OrganisationRole Role, DateTime ExpiresAt);

    public sealed record Team(IReadOnlyList<Member> Members, IReadOnlyList<Pending> Invitations);

    public async Task<Team> HandleAsync(OrganisationContext organisation, CancellationToken cancellationToken)
    {
        var organisationId = organisation.Id;
        var members = await db.Memberships.AsNoTracking()
            .Where(m => m.OrganisationId == organisationId)
            .OrderBy(m => m.Role).ThenBy(m => m.Organiser.Email)
            .Select(m => new Member(m.OrganiserId, m.Organiser.DisplayName, m.Organiser.Email ?? "", m.Role, m.Organiser.TwoFactorEnabled))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.OrganisationId == organisationId && i.AcceptedAt == null && i.ExpiresAt > now)
            .OrderBy(i => i.CreatedAt)
            .Select(i => new Pending(i.Id, i.Email, i.Role, i.ExpiresAt))
            .ToListAsync(cancellationToken);
        return new Team(members, invitations);
    }
}
