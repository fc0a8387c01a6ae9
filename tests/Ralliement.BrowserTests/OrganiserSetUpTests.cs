using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ralliement.Organisers;

namespace Ralliement.BrowserTests;

/// <summary>
/// The first owner of a new organisation, from the link the admin command prints to their first
/// invitation; every organiser page on the way is checked with axe (WCAG 2.0–2.2 A and AA).
/// </summary>
public sealed class OrganiserSetUpTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Password = "un cheval vert traverse la plaine";

    /// <summary>Does what opens another page and returns its answer, after any redirect.</summary>
    private static Task<IResponse> NavigateAsync(IPage page, Func<Task> action) =>
        page.RunAndWaitForResponseAsync(action, r => r.Request.IsNavigationRequest && r.Status is < 300 or >= 400);

    private static async Task AssertAccessibleAsync(IPage page, IResponse? response, string path, int status = 200)
    {
        Assert.Equal(status, response?.Status);
        // Waiting for the "load" event here once timed out on a loaded page (Playwright reported only
        // "networkidle" as fired); the committed address and a visible heading are what the checks need.
        await page.WaitForURLAsync(new Regex(Regex.Escape(path) + "$"), new() { WaitUntil = WaitUntilState.Commit });
        await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
        Assert.EndsWith(path, new Uri(page.Url).PathAndQuery, StringComparison.Ordinal);
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }

    private async Task<string> SetUpLinkAsync(string email, string organisation)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var result = await ActivatorUtilities.CreateInstance<CreateOrganiser>(scope.ServiceProvider)
            .HandleAsync(email, organisation, "Collectif du navigateur", CancellationToken.None);
        Assert.Null(result.Error);
        return new Uri(result.SetUpLink!).PathAndQuery;
    }

    [Fact]
    public async Task The_first_owner_sets_up_their_account_and_finds_every_page_of_their_organisation()
    {
        var email = $"premiere.{Guid.NewGuid():N}@example.org";
        const string organisation = "collectif-navigateur";
        var home = $"/fr/organiser/{organisation}";
        var link = await SetUpLinkAsync(email, organisation);
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();

        var response = await page.GotoAsync(link);
        Assert.Equal(200, response?.Status);
        await page.GetByLabel("Votre nom").FillAsync("Première Owner");
        await page.GetByLabel("Nouveau mot de passe").FillAsync(Password);
        await page.GetByLabel("Le même mot de passe, encore").FillAsync(Password);
        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le mot de passe" }).ClickAsync());
        await AssertAccessibleAsync(page, response, "/fr/organiser/first-steps");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Donner l’adresse de contact publique" })).ToBeVisibleAsync();

        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Créer une autre organisation" }).ClickAsync());
        await AssertAccessibleAsync(page, response, "/fr/organiser/new-organisation");
        await page.GetByLabel("Nom de l’organisation").FillAsync("Collectif navigateur");
        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Créer l’organisation" }).ClickAsync());
        Assert.Equal(422, response.Status);
        await Assertions.Expect(page.GetByLabel("Adresse courte")).ToHaveValueAsync("collectif-navigateur-2");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Mes organisations" }).First.ClickAsync());
        await AssertAccessibleAsync(page, response, "/fr/organiser");
        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Collectif du navigateur" }).ClickAsync());
        await AssertAccessibleAsync(page, response, home);

        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Membres", Exact = true }).ClickAsync());
        await AssertAccessibleAsync(page, response, $"{home}/members");
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { Name = email, Exact = true })).ToBeVisibleAsync();

        var invited = $"invitee.{Guid.NewGuid():N}@example.org";
        await page.GetByLabel("Adresse électronique").FillAsync(invited);
        await page.GetByLabel("Rôle", new() { Exact = true }).SelectOptionAsync("Moderator");
        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Envoyer l’invitation" }).ClickAsync());
        await AssertAccessibleAsync(page, response, $"{home}/members?done=invited");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("L’invitation est envoyée.");
        await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = invited, Exact = true })).ToBeVisibleAsync();
        Assert.Contains("/organiser/invitation/", (await host.EmailToAsync(invited)).TextBody, StringComparison.Ordinal);

        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Réglages" }).ClickAsync());
        await AssertAccessibleAsync(page, response, $"{home}/settings");
        await Assertions.Expect(page.GetByLabel("Nom de l’organisation")).ToHaveValueAsync("Collectif du navigateur");

        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Mon compte" }).ClickAsync());
        await AssertAccessibleAsync(page, response, "/fr/organiser/account");

        response = await NavigateAsync(page, () => page.GetByRole(AriaRole.Link, new() { Name = "Gérer la double authentification" }).ClickAsync());
        await AssertAccessibleAsync(page, response, "/fr/organiser/account/two-factor");
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "Code QR" })).ToBeVisibleAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/two-factor$"));
    }

    [Fact]
    public async Task An_invited_person_creates_their_account_and_the_owner_can_delete_the_organisation()
    {
        const string organisation = "collectif-invitant";
        var owner = $"owner.{Guid.NewGuid():N}@example.org";
        var ownerLink = await SetUpLinkAsync(owner, organisation);
        await using var ownerContext = await host.NewContextAsync(javaScript: true);
        var ownerPage = await ownerContext.NewPageAsync();
        await ownerPage.GotoAsync(ownerLink);
        await ownerPage.GetByLabel("Nouveau mot de passe").FillAsync(Password);
        await ownerPage.GetByLabel("Le même mot de passe, encore").FillAsync(Password);
        await NavigateAsync(ownerPage, () => ownerPage.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le mot de passe" }).ClickAsync());
        await ownerPage.GotoAsync($"/fr/organiser/{organisation}/members");
        var invited = $"invitee.{Guid.NewGuid():N}@example.org";
        await ownerPage.GetByLabel("Adresse électronique").FillAsync(invited);
        await NavigateAsync(ownerPage, () => ownerPage.GetByRole(AriaRole.Button, new() { Name = "Envoyer l’invitation" }).ClickAsync());

        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        var invitation = BrowserHost.LinkIn(await host.EmailToAsync(invited), "organiser/invitation");
        await AssertAccessibleAsync(page, await page.GotoAsync(invitation), invitation);
        await page.GetByLabel("Votre nom").FillAsync("Invitée");
        await page.GetByLabel("Nouveau mot de passe").FillAsync(Password);
        await page.GetByLabel("Le même mot de passe, encore").FillAsync(Password);
        var joined = await NavigateAsync(page, () => page.GetByRole(AriaRole.Button, new() { Name = "Créer mon compte et rejoindre" }).ClickAsync());
        await AssertAccessibleAsync(page, joined, $"/fr/organiser/{organisation}");
        await Assertions.Expect(page.GetByText("Votre rôle\u202f: éditeur")).ToBeVisibleAsync();

        await using var visitor = await host.NewContextAsync(javaScript: true);
        var forgot = await visitor.NewPageAsync();
        await AssertAccessibleAsync(forgot, await forgot.GotoAsync("/en/organiser/forgot-password"), "/en/organiser/forgot-password");
        await forgot.GetByLabel("Email").FillAsync(invited);
        var sent = await NavigateAsync(forgot, () => forgot.GetByRole(AriaRole.Button, new() { Name = "Send the link" }).ClickAsync());
        await AssertAccessibleAsync(forgot, sent, "/en/organiser/forgot-password");
        var legal = await visitor.NewPageAsync();
        await AssertAccessibleAsync(legal, await legal.GotoAsync("/fr/c/objection-ia-generative/legal"), "/fr/c/objection-ia-generative/legal");

        var delete = $"/fr/organiser/{organisation}/delete";
        await AssertAccessibleAsync(ownerPage, await ownerPage.GotoAsync(delete), delete);
        await ownerPage.GetByLabel("Pour confirmer").FillAsync("pas le bon");
        var refused = await NavigateAsync(ownerPage, () => ownerPage.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync());
        await AssertAccessibleAsync(ownerPage, refused, delete, 422);
        await ownerPage.GetByLabel("Pour confirmer").FillAsync(organisation);
        var deleted = await NavigateAsync(ownerPage, () => ownerPage.GetByRole(AriaRole.Button, new() { Name = "Supprimer définitivement" }).ClickAsync());
        await AssertAccessibleAsync(ownerPage, deleted, "/fr/organiser");
        Assert.Equal(404, (await page.GotoAsync($"/fr/organiser/{organisation}"))?.Status);
    }
}
