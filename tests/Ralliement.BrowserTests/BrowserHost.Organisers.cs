using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ralliement.Data;

namespace Ralliement.BrowserTests;

/// <summary>Organiser accounts made through the host's own services, as an owner's invitation would.</summary>
public sealed partial class BrowserHost
{
    public const string DemoOrganisation = "collectif-demo";
    public const string OrganiserPassword = "un cheval vert traverse la plaine";

    /// <summary>A confirmed organiser account with <see cref="OrganiserPassword"/>, member of the demo organisation with the role; returns its email.</summary>
    public async Task<string> OrganiserAccountAsync(OrganisationRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Organiser>>();
        var organiser = new Organiser { UserName = email, Email = email, EmailConfirmed = true, CreatedAt = DateTime.UtcNow };
        var created = await users.CreateAsync(organiser, OrganiserPassword);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var organisationId = await db.Organisations.Where(o => o.Slug == DemoOrganisation).Select(o => o.Id).SingleAsync();
        db.Memberships.Add(new Membership { OrganisationId = organisationId, OrganiserId = organiser.Id, Role = role, CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return email;
    }

    public async Task<T> WithDbAsync<T>(Func<RalliementDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RalliementDb>());
    }

    /// <summary>A page of the context signed in, through the login form, as a new member with the role.</summary>
    public async Task<IPage> SignedInPageAsync(IBrowserContext context, OrganisationRole role)
    {
        var email = await OrganiserAccountAsync(role);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/fr/organiser/login");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe").FillAsync(OrganiserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/fr/organiser$"));
        return page;
    }
}
