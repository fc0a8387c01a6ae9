using System.Globalization;
using System.Text;

namespace Ralliement.Organisers;

/// <summary>
/// A new organisation with its first owner: from the site, by any signed-in organiser unless
/// <c>Organisers:AnyoneMayCreateOrganisations</c> is false; and from the <c>organiser create</c>
/// command, which names an owner who has nobody to invite them. Its public contact starts empty:
/// an owner fills it in on purpose, and no campaign is published until then.
/// </summary>
public sealed class CreateOrganisation(RalliementDb db, TimeProvider clock, IConfiguration configuration)
{
    public const string Setting = "Organisers:AnyoneMayCreateOrganisations";

    /// <summary>The words after <c>/organiser/</c> that name pages, which an organisation's slug would hide.</summary>
    private static readonly HashSet<string> Reserved = ["account", "first-steps", "forgot-password", "invitation", "login", "logout", "new-organisation", "set-up"];

    public bool Allowed => configuration.GetValue(Setting, true);

    public static bool IsReserved(string slug) => Reserved.Contains(slug);

    public sealed class Form
    {
        public string? Name { get; set; }
        /// <summary>Empty: made from the name.</summary>
        public string? Slug { get; set; }
    }

    /// <summary>The new organisation's slug, or what was wrong; <see cref="Proposed"/> is a free slug to offer instead of one taken.</summary>
    public sealed record Result(string? Slug, FormErrors Errors, string? Proposed = null);

    public async Task<Result> HandleAsync(string organiserId, Form form, CancellationToken cancellationToken)
    {
        var errors = new FormErrors();
        if (!Allowed)
        {
            errors.Add("", "NewOrganisationClosed");
            return new Result(null, errors);
        }
        var name = form.Name?.Trim() ?? "";
        if (name.Length is 0 or > 200)
        {
            errors.Add(nameof(Form.Name), "SettingsNameInvalid");
        }
        var slug = string.IsNullOrWhiteSpace(form.Slug) ? SlugFrom(name) : form.Slug.Trim();
        string? proposed = null;
        if (!SlugRule.IsValid(slug))
        {
            errors.Add(nameof(Form.Slug), "OrganisationSlugInvalid");
        }
        else if (Reserved.Contains(slug) || await db.Organisations.AnyAsync(o => o.Slug == slug, cancellationToken))
        {
            proposed = await FreeSlugAsync(slug, cancellationToken);
            errors.Add(nameof(Form.Slug), proposed is null ? "OrganisationSlugTaken" : "OrganisationSlugTakenTry", slug, proposed ?? "");
        }
        var owner = await db.Users.FirstOrDefaultAsync(u => u.Id == organiserId, cancellationToken);
        if (owner is null)
        {
            errors.Add("", "NewOrganisationClosed");
        }
        if (errors.Any)
        {
            return new Result(null, errors, proposed);
        }
        if (await AddAsync(slug, name, owner!, owner!.Email ?? owner.Id, owner.Id, cancellationToken) is null)
        {
            // Taken by someone else between the check and the insert.
            errors.Add(nameof(Form.Slug), "OrganisationSlugTaken", slug);
            return new Result(null, errors);
        }
        return new Result(slug, errors);
    }

    /// <summary>
    /// Saves the organisation, its owner's membership and the audit entry that records it, all or
    /// nothing; null when another organisation has the slug.
    /// </summary>
    /// <param name="actorId">The organiser who did it, or null for the admin command.</param>
    internal async Task<Organisation?> AddAsync(string slug, string name, Organiser owner, string actor, string? actorId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = new Organisation { Slug = slug, Name = name, CreatedAt = now };
        db.Organisations.Add(organisation);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception.IsUniqueViolation())
        {
            db.Entry(organisation).State = EntityState.Detached;
            return null;
        }
        AddOwner(organisation, owner, actor, actorId, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return organisation;
    }

    /// <summary>Makes the organiser an owner, with the audit entry owners read.</summary>
    internal void AddOwner(Organisation organisation, Organiser owner, string actor, string? actorId, DateTime now)
    {
        db.Memberships.Add(new Membership { OrganisationId = organisation.Id, OrganiserId = owner.Id, Role = OrganisationRole.Owner, CreatedAt = now });
        db.AuditLog.Add(new AuditEntry
        {
            OrganisationId = organisation.Id,
            OrganiserId = actorId,
            Actor = actor,
            Action = "member.add",
            Target = $"organiser:{owner.Id}",
            Details = $"{owner.Email} as Owner",
            At = now,
        });
    }

    /// <summary>A slug proposed from a name: "Collectif Éducation &amp; Numérique" gives "collectif-education-numerique".</summary>
    public static string SlugFrom(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        return slug.ToString(0, Math.Min(slug.Length, 80)).Trim('-');
    }

    private async Task<string?> FreeSlugAsync(string slug, CancellationToken cancellationToken)
    {
        var stem = slug.Length > 76 ? slug[..76].TrimEnd('-') : slug;
        var candidates = Enumerable.Range(2, 8).Select(n => $"{stem}-{n}").ToList();
        var taken = await db.Organisations.Where(o => candidates.Contains(o.Slug)).Select(o => o.Slug).ToListAsync(cancellationToken);
        return candidates.FirstOrDefault(c => !taken.Contains(c) && !Reserved.Contains(c));
    }
}
