using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Localization;
using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>
/// An owner changes a member's role, removes a member, or revokes a pending invitation. An
/// organisation always keeps at least one owner: nobody else could manage it.
/// </summary>
public sealed class ChangeMembers(RalliementDb db, Audit audit, IStringLocalizer<AccountText> text)
{
    /// <returns>Null when done, else the reason it was refused.</returns>
    public async Task<string?> ChangeRoleAsync(OrganisationContext organisation, string organiserId, OrganisationRole role, CancellationToken cancellationToken)
    {
        await using var transaction = await LockAsync(organisation, cancellationToken);
        var membership = await FindAsync(organisation, organiserId, cancellationToken);
        if (membership is null)
        {
            return text["MemberNotFound"];
        }
        if (membership.Role == role)
        {
            return null;
        }
        if (membership.Role == OrganisationRole.Owner && await IsLastOwnerAsync(organisation, cancellationToken))
        {
            return text["LastOwnerDemoted"];
        }
        var before = membership.Role;
        membership.Role = role;
        audit.Record(organisation, "member.role", $"organiser:{organiserId}", $"{before} -> {role}");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<string?> RemoveAsync(OrganisationContext organisation, string organiserId, CancellationToken cancellationToken)
    {
        await using var transaction = await LockAsync(organisation, cancellationToken);
        var membership = await FindAsync(organisation, organiserId, cancellationToken);
        if (membership is null)
        {
            return text["MemberNotFound"];
        }
        if (membership.Role == OrganisationRole.Owner && await IsLastOwnerAsync(organisation, cancellationToken))
        {
            return text["LastOwnerRemoved"];
        }
        db.Memberships.Remove(membership);
        audit.Record(organisation, "member.remove", $"organiser:{organiserId}", membership.Role.ToString());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    public async Task<bool> RevokeInvitationAsync(OrganisationContext organisation, int invitationId, CancellationToken cancellationToken)
    {
        var invitation = await db.Invitations
            .FirstOrDefaultAsync(i => i.Id == invitationId && i.OrganisationId == organisation.Id && i.AcceptedAt == null, cancellationToken);
        if (invitation is null)
        {
            return false;
        }
        db.Invitations.Remove(invitation);
        audit.Record(organisation, "member.revoke", $"invitation:{invitationId}", $"{invitation.Email} as {invitation.Role}");
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Starts a transaction that first writes the organisation's row, which takes its lock: two owners
    /// demoting each other at once then run one after the other, and the second sees one owner left.
    /// (PostgreSQL locks the row until commit; SQLite takes its one write lock at the first write.)
    /// </summary>
    private async Task<IDbContextTransaction> LockAsync(OrganisationContext organisation, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Organisations.Where(o => o.Id == organisation.Id).ExecuteUpdateAsync(o => o.SetProperty(x => x.Name, x => x.Name), cancellationToken);
        return transaction;
    }

    private Task<Membership?> FindAsync(OrganisationContext organisation, string organiserId, CancellationToken cancellationToken) =>
        db.Memberships.FirstOrDefaultAsync(m => m.OrganisationId == organisation.Id && m.OrganiserId == organiserId, cancellationToken);

    private async Task<bool> IsLastOwnerAsync(OrganisationContext organisation, CancellationToken cancellationToken) =>
        await db.Memberships.CountAsync(m => m.OrganisationId == organisation.Id && m.Role == OrganisationRole.Owner, cancellationToken) <= 1;
}
