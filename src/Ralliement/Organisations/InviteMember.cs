using Microsoft.Extensions.Localization;
using Ralliement.Mail;
using Ralliement.Organisers;

namespace Ralliement.Organisations;

/// <summary>
/// An owner invites someone by email with a role. The email carries a one-time secret (only its
/// SHA-256 is stored, as for signers' links), valid for <see cref="Lifetime"/>.
/// </summary>
public sealed class InviteMember(RalliementDb db, Audit audit, Outbox outbox, TimeProvider clock, IStringLocalizer<AccountText> text)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <returns>Null when invited, else the message to show next to the address.</returns>
    public async Task<string?> HandleAsync(OrganisationContext organisation, string email, OrganisationRole role, string language, PublicLinks links, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryParse(email.Trim(), out var parsed) || parsed is null)
        {
            return text["InviteEmailInvalid"];
        }
        var address = parsed.Address;
        var normalized = address.ToUpperInvariant();
        if (await db.Memberships.AnyAsync(m => m.OrganisationId == organisation.Id && m.Organiser.NormalizedEmail == normalized, cancellationToken))
        {
            return text["InviteAlreadyMember"];
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (token, hash) = SecretTokens.Create();
        var invitation = new Invitation
        {
            OrganisationId = organisation.Id,
            Email = address,
            Role = role,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = now + Lifetime,
            InvitedById = organisation.OrganiserId,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(organisation, "member.invite", $"invitation:{invitation.Id}", $"{address} as {role}");
        // The inviter by the name the other members see; their sign-in address only when they gave none.
        var inviterName = await db.Users.Where(o => o.Id == organisation.OrganiserId).Select(o => o.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var inviter = string.IsNullOrWhiteSpace(inviterName) ? organisation.Actor : inviterName;
        outbox.Add(db, address,
            text["InviteEmailSubject", organisation.Name],
            text["InviteEmailBody", inviter, organisation.Name, text["Role" + role], links.Invitation(language, token), Lifetime.Days],
            OutboxPriority.Organiser);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        outbox.Notify();
        return null;
    }
}
