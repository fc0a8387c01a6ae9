using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;

namespace Ralliement.Tests.Support;

/// <summary>Intent methods for organisers: an account with a role, signed in through the login page.</summary>
public partial class RalliementApp
{
    public const string DemoOrganisation = "collectif-demo";
    public const string TestPassword = "un cheval vert traverse la plaine";

    /// <summary>Creates an organisation (the demo one already exists) with a name, and returns its slug.</summary>
    public async Task<string> OrganisationAsync(string slug, string? name = null)
    {
        await WithDbAsync(async db =>
        {
            if (!await db.Organisations.AnyAsync(o => o.Slug == slug))
            {
                db.Organisations.Add(new Organisation { Slug = slug, Name = name ?? slug, ContactEmail = $"contact@{slug}.example.org", CreatedAt = Clock.GetUtcNow().UtcDateTime });
                await db.SaveChangesAsync();
            }
            return 0;
        });
        return slug;
    }

    /// <summary>An organiser account with a confirmed address and <see cref="TestPassword"/>, member of the organisation with the role.</summary>
    public async Task<string> OrganiserAccountAsync(OrganisationRole role, string organisation = DemoOrganisation, string? email = null)
    {
        email ??= UniqueEmail(role.ToString().ToLowerInvariant());
        await OrganisationAsync(organisation);
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Organiser>>();
        var organiser = await users.FindByEmailAsync(email);
        if (organiser is null)
        {
            organiser = new Organiser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = Clock.GetUtcNow().UtcDateTime };
            var created = await users.CreateAsync(organiser, TestPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
            }
        }
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var organisationId = await db.Organisations.Where(o => o.Slug == organisation).Select(o => o.Id).SingleAsync();
        db.Memberships.Add(new Membership { OrganisationId = organisationId, OrganiserId = organiser.Id, Role = role, CreatedAt = Clock.GetUtcNow().UtcDateTime });
        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>A browser signed in as a new organiser with the role in the organisation.</summary>
    public async Task<HttpClient> SignedInAsync(OrganisationRole role, string organisation = DemoOrganisation)
    {
        var email = await OrganiserAccountAsync(role, organisation);
        var client = Browser();
        var response = await LogInAsync(client, email, TestPassword);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}.");
        }
        return client;
    }

    public static async Task<HttpResponseMessage> LogInAsync(HttpClient client, string email, string password, string language = "fr") =>
        await PostFormAsync(client, $"/{language}/organiser/login", new() { ["Email"] = email, ["Password"] = password });

    /// <summary>
    /// Posts a form as a browser does: reads the antiforgery token from the page at <paramref name="formPage"/>
    /// (by default the page posted to), then posts the fields with it.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, Dictionary<string, string> fields, string? formPage = null)
    {
        var page = await client.GetStringAsync(formPage ?? path);
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = AntiforgeryToken(page) };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    public static string AntiforgeryToken(string page)
    {
        var match = AntiforgeryField().Match(page);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("The page has no antiforgery token.");
    }

    [GeneratedRegex(@"\bhttps?://\S+/organiser/set-up\?\S+")]
    public static partial Regex SetUpLink();
}
