using Microsoft.AspNetCore.Identity;
using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>
/// Someone follows the link of an invitation. Without an account for that address they create
/// one there (the link proves they read that inbox, so the address is confirmed); with one, they
/// must be signed in as that account. An invitation works once, before it expires.
/// </summary>
public sealed class AcceptInvitation(RalliementDb db, UserManager<Organiser> users, Audit audit, TimeProvider clock)
{
    public sealed record Found(int Id, int OrganisationId, string OrganisationSlug, string OrganisationName, string Email, OrganisationRole Role, Organiser? Account);

    /// <summary>The invitation a link carries, or null when it is unknown, used or expired.</summary>
    public async Task<Found?> FindAsync(string token, CancellationToken cancellationToken)
    {
        var hash = SecretTokens.HashOf(token);
        if (hash is null)
        {
            return null;
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var found = await db.Invitations.AsNoTracking()
            .Where(i => i.TokenHash == hash && i.AcceptedAt == null && i.ExpiresAt > now)
            .Join(db.Organisations, i => i.OrganisationId, o => o.Id, (i, o) => new { i.Id, i.OrganisationId, o.Slug, o.Name, i.Email, i.Role })
            .FirstOrDefaultAsync(cancellationToken);
        return found is null
            ? null
            : new Found(found.Id, found.OrganisationId, found.Slug, found.Name, found.Email, found.Role, await users.FindByEmailAsync(found.Email));
    }

    /// <summary>Creates the account of a new organiser and joins, in one transaction. Null when done, else why not.</summary>
    public async Task<IReadOnlyList<IdentityError>?> CreateAccountAndJoinAsync(Found invitation, string? displayName, string password, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await TakeAsync(invitation, now, cancellationToken))
        {
            return [new IdentityError { Code = nameof(IdentityErrorDescriber.InvalidToken) }];
        }
        var organiser = new Organiser
        {
            UserName = invitation.Email,
            Email = invitation.Email,
            EmailConfirmed = true,
            DisplayName = string.IsNullOrWhiteSpace(displayName) ? null : displayName.Trim(),
            CreatedAt = now,
        };
        // Identity saves through the same context, so the account is part of this transaction.
        var created = await users.CreateAsync(organiser, password);
        if (!created.Succeeded)
        {
            return [.. created.Errors];
        }
        await AddMemberAsync(invitation, organiser, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>Makes an existing organiser a member with the invitation's role; false when the invitation was used meanwhile.</summary>
    public async Task<bool> JoinAsync(Found invitation, Organiser organiser, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await TakeAsync(invitation, now, cancellationToken))
        {
            return false;
        }
        await AddMemberAsync(invitation, organiser, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The conditional update is what makes the link work once, even for two clicks at the same moment.</summary>
    private async Task<bool> TakeAsync(Found invitation, DateTime now, CancellationToken cancellationToken) =>
        await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(i => i.SetProperty(x => x.AcceptedAt, now), cancellationToken) == 1;

    private async Task AddMemberAsync(Found invitation, Organiser organiser, DateTime now, CancellationToken cancellationToken)
    {
        if (!await db.Memberships.AnyAsync(m => m.OrganisationId == invitation.OrganisationId && m.OrganiserId == organiser.Id, cancellationToken))
        {
            db.Memberships.Add(new Membership { OrganisationId = invitation.OrganisationId, OrganiserId = organiser.Id, Role = invitation.Role, CreatedAt = now });
        }
        var joined = new OrganisationContext(invitation.OrganisationId, invitation.OrganisationSlug, invitation.OrganisationName, invitation.Role, organiser.Id, organiser.Email ?? organiser.Id);
        audit.Record(joined, "member.join", $"invitation:{invitation.Id}", invitation.Role.ToString());
        await db.SaveChangesAsync(cancellationToken);
    }
}
