using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Ralliement.Data;

namespace Ralliement.BrowserTests;

/// <summary>An editor writes a campaign in two languages and publishes it, in Chromium; axe checks each organiser page.</summary>
public sealed class CampaignEditorTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(WcagAA);
        var report = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"));
        Assert.True(result.Violations.Length == 0, $"{page.Url}\n{report}");
        Assert.True(result.Passes.Length > 10, $"axe checked only {result.Passes.Length} rules on {page.Url}");
    }

    [Fact]
    public async Task An_editor_writes_previews_translates_and_publishes_a_campaign()
    {
        var email = await host.OrganiserAccountAsync(OrganisationRole.Editor);
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        var slug = $"lettre-{Guid.NewGuid():N}"[..20];

        await page.GotoAsync("/fr/organiser/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(BrowserHost.OrganiserPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/fr/organiser$"));

        await page.GotoAsync($"/fr/organiser/{BrowserHost.DemoOrganisation}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle campagne" }).ClickAsync();
        await AssertNoViolationsAsync(page);
        await page.GetByLabel("Adresse de la campagne").FillAsync("objection-ia-generative");
        await page.GetByLabel("Titre dans la langue principale").FillAsync("Déjà pris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("déjà prise");
        await AssertNoViolationsAsync(page);
        await page.GetByLabel("Adresse de la campagne").FillAsync(slug);
        await page.GetByLabel("Genre de texte").SelectOptionAsync("OpenLetter");
        await page.GetByLabel("Titre dans la langue principale").FillAsync("Lettre ouverte aux laboratoires");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lettre ouverte aux laboratoires", Level = 1 })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier le texte français" }).ClickAsync();
        await AssertNoViolationsAsync(page);
        await page.GetByLabel("Résumé").FillAsync("Ce que nous demandons aux laboratoires.");
        await page.GetByLabel("Texte (Markdown)").FillAsync("Nous demandons **du temps** pour enseigner.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prévisualiser" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aperçu" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".panel .text strong")).ToHaveTextAsync("du temps");
        await AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Texte enregistré.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la campagne" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Ajouter la traduction anglaise" }).ClickAsync();
        await AssertNoViolationsAsync(page);
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync("Open letter to laboratories");
        await page.GetByLabel("Résumé").FillAsync("What we ask of laboratories.");
        await page.GetByLabel("Texte (Markdown)").FillAsync("We ask for **time** to teach.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Texte enregistré.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la campagne" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier les réglages" }).ClickAsync();
        await AssertNoViolationsAsync(page);
        await page.Locator("#goal").FillAsync("500");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les réglages" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Modifications enregistrées.");
        await page.Locator("#new-field-fr").FillAsync("Laboratoire");
        await page.Locator("#new-field-en").FillAsync("Laboratory");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter le champ" }).ClickAsync();
        await page.Locator("#new-commitment-fr").FillAsync("Enseigner sans IA générative");
        await page.Locator("#new-commitment-en").FillAsync("Teach without generative AI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Ajouter l’engagement" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Engagement n° 1" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Retour à la campagne" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La campagne est publiée.");
        await AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Page publique" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lettre ouverte aux laboratoires", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".text strong")).ToHaveTextAsync("du temps");
        await Assertions.Expect(page.GetByLabel("Enseigner sans IA générative")).ToBeVisibleAsync();
        await page.GotoAsync($"/en/c/{slug}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open letter to laboratories", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".text strong")).ToHaveTextAsync("time");
    }
}
