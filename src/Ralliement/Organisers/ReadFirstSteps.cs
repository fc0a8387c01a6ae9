namespace Ralliement.Organisers;

/// <summary>What a new owner has still to do in each organisation they own, step by step.</summary>
public sealed class ReadFirstSteps(RalliementDb db, TimeProvider clock)
{
    /// <param name="HasContact">The public contact the notices and signers' emails show, which publishing needs.</param>
    /// <param name="HasOtherMembers">Another member, or an invitation still open.</param>
    public sealed record OrganisationSteps(string Slug, string Name, bool HasContact, bool HasCampaign, bool HasOtherMembers)
    {
        public bool AllDone => HasContact && HasCampaign && HasOtherMembers;
    }

    public async Task<IReadOnlyList<OrganisationSteps>> HandleAsync(string? organiserId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.Memberships.AsNoTracking()
            .Where(m => m.OrganiserId == organiserId && m.Role == OrganisationRole.Owner)
            .OrderBy(m => m.Organisation.Name)
            .Select(m => new OrganisationSteps(
                m.Organisation.Slug,
                m.Organisation.Name,
                m.Organisation.ContactEmail != null,
                m.Organisation.Campaigns.Any(),
                m.Organisation.Members.Count() > 1
                    || db.Invitations.Any(i => i.OrganisationId == m.OrganisationId && i.AcceptedAt == null && i.ExpiresAt > now)))
            .ToListAsync(cancellationToken);
    }
}
