using Microsoft.AspNetCore.Identity;

namespace Ralliement.Organisers;

/// <summary>
/// <c>organiser create EMAIL --organisation SLUG [--name "Organisation name"]</c>: makes EMAIL an
/// owner of the organisation (created when new) and prints a one-time link where they choose
/// their password. Later organisers are invited from the site.
/// </summary>
public sealed class CreateOrganiser(RalliementDb db, UserManager<Organiser> users, CreateOrganisation creation, TimeProvider clock, IConfiguration configuration)
{
    private const string Actor = "admin command";

    public sealed record Result(string? SetUpLink, string? Error, bool OrganisationCreated);

    public async Task<Result> HandleAsync(string email, string organisationSlug, string? organisationName, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryParse(email, out var parsed) || parsed is null)
        {
            return new Result(null, $"'{email}' is not an email address.", false);
        }
        if (!SlugRule.IsValid(organisationSlug))
        {
            return new Result(null, $"'{organisationSlug}' is not a valid organisation slug: use 2 to 80 lower-case letters, digits and hyphens.", false);
        }
        var address = parsed.Address;
        var now = clock.GetUtcNow().UtcDateTime;
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Slug == organisationSlug, cancellationToken);
        if (organisation is null && string.IsNullOrWhiteSpace(organisationName))
        {
            return new Result(null, $"No organisation has the slug '{organisationSlug}': give its name with --name to create it.", false);
        }
        if (organisation is null && CreateOrganisation.IsReserved(organisationSlug))
        {
            return new Result(null, $"'{organisationSlug}' names a page of the organisers' area: choose another slug.", false);
        }
        var organiser = await users.FindByEmailAsync(address);
        if (organiser is null)
        {
            organiser = new Organiser { UserName = address, Email = address, CreatedAt = now };
            var result = await users.CreateAsync(organiser);
            if (!result.Succeeded)
            {
                return new Result(null, string.Join(" ", result.Errors.Select(e => e.Description)), false);
            }
        }
        var created = organisation is null;
        if (organisation is null)
        {
            // The owner's sign-in address is not the organisation's public contact: an owner gives one in the settings.
            organisation = await creation.AddAsync(organisationSlug, organisationName!.Trim(), organiser, Actor, null, cancellationToken);
            if (organisation is null)
            {
                return new Result(null, $"The slug '{organisationSlug}' was taken meanwhile: run the command again.", false);
            }
        }
        else if (!await db.Memberships.AnyAsync(m => m.OrganisationId == organisation.Id && m.OrganiserId == organiser.Id, cancellationToken))
        {
            creation.AddOwner(organisation, organiser, Actor, null, now);
            await db.SaveChangesAsync(cancellationToken);
        }
        var token = await users.GeneratePasswordResetTokenAsync(organiser);
        var baseUrl = SiteAddress(configuration);
        return new Result($"{baseUrl}/fr/organiser/set-up?id={Uri.EscapeDataString(organiser.Id)}&token={Uri.EscapeDataString(token)}", null, created);
    }

    /// <summary>
    /// Where the site answers, for a link printed at a terminal: <c>PublicBaseUrl</c>; else the first
    /// address the site listens on with the same settings (<c>--urls</c>, <c>ASPNETCORE_URLS</c>), a
    /// wildcard host read as this machine; else where Kestrel listens by default.
    /// </summary>
    internal static string SiteAddress(IConfiguration configuration)
    {
        if (configuration["PublicBaseUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }
        var listening = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (listening is null || !listening.Contains("://", StringComparison.Ordinal))
        {
            return "http://localhost:5000";
        }
        var schemeEnd = listening.IndexOf("://", StringComparison.Ordinal) + 3;
        var hostEnd = listening[schemeEnd] == '['
            ? listening.IndexOf(']', schemeEnd) + 1
            : listening.IndexOfAny([':', '/'], schemeEnd) is var end and >= 0 ? end : listening.Length;
        var host = listening[schemeEnd..hostEnd];
        if (host is "*" or "+" or "0.0.0.0" or "[::]")
        {
            host = "localhost";
        }
        return (listening[..schemeEnd] + host + listening[hostEnd..]).TrimEnd('/');
    }
}

/// <summary>Slugs name organisations and campaigns in URLs: lower-case ASCII letters, digits and inner hyphens.</summary>
public static class SlugRule
{
    public static bool IsValid(string? slug) =>
        slug is { Length: >= 2 and <= 80 }
        && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && slug[0] != '-' && slug[^1] != '-';
}
