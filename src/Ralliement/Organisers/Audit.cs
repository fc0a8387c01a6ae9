namespace Ralliement.Organisers;

/// <summary>
/// Records what organisers do in the audit log owners read. An entry is added to the caller's unit
/// of work, so it exists exactly when the action was committed. Owners read each action as a
/// sentence: a new action name needs its <c>Did_{action}</c> in both ModerationText files
/// (<see cref="Moderation.AuditSentence"/>), and a test fails until it has one.
/// </summary>
public sealed class Audit(RalliementDb db, TimeProvider clock)
{
    public void Record(OrganisationContext organisation, string action, string target, string? details = null) =>
        db.AuditLog.Add(new AuditEntry
        {
            OrganisationId = organisation.Id,
            OrganiserId = organisation.OrganiserId,
            Actor = organisation.Actor,
            Action = action,
            Target = target,
            Details = details is { Length: > 2000 } ? details[..2000] : details,
            At = clock.GetUtcNow().UtcDateTime,
        });
}
