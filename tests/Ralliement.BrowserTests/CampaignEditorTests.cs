using Microsoft.Playwright;
using Ralliement.Data;

namespace Ralliement.BrowserTests;

/// <summary>An editor writes a campaign in two languages and publishes it, in Chromium; axe checks each organiser page.</summary>
public sealed class CampaignEditorTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task An_editor_writes_previews_translates_and_publishes_a_campaign()
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Editor);
        var slug = $"lettre-{Guid.NewGuid():N}"[..20];

        await page.GotoAsync($"/fr/organiser/{BrowserHost.DemoOrganisation}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nouvelle campagne" }).ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByLabel("Adresse de la campagne").FillAsync("objection-ia-generative");
        await page.GetByLabel("Titre dans la langue principale").FillAsync("Déjà pris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("déjà prise");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByLabel("Adresse de la campagne").FillAsync(slug);
        await page.GetByLabel("Genre de texte").SelectOptionAsync("OpenLetter");
        await page.GetByLabel("Titre dans la langue principale").FillAsync("Lettre ouverte aux laboratoires");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lettre ouverte aux laboratoires", Level = 1 })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Modifier le texte français" }).ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByLabel("Résumé").FillAsync("Ce que nous demandons aux laboratoires.");
        await page.GetByLabel("Texte (Markdown)").FillAsync("Nous demandons **du temps** pour enseigner.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Prévisualiser" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aperçu" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".panel .text strong")).ToHaveTextAsync("du temps");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Texte enregistré.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Texte anglais" }).ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByLabel("Titre", new() { Exact = true }).FillAsync("Open letter to laboratories");
        await page.GetByLabel("Résumé").FillAsync("What we ask of laboratories.");
        await page.GetByLabel("Texte (Markdown)").FillAsync("We ask for **time** to teach.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Texte enregistré.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Réglages" }).ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.Locator("#goal").FillAsync("500");
        await page.Locator("#next-goal").FillAsync("400");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les réglages" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("plus grand que l’objectif");
        await Assertions.Expect(page.Locator("#goal")).ToHaveValueAsync("500");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.Locator("#next-goal").FillAsync("1000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les réglages" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Réglages enregistrés.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Champs", Exact = true }).ClickAsync();
        await page.Locator("#new-field-fr").FillAsync("Laboratoire");
        await page.Locator("#new-field-en").FillAsync("Laboratory");
        await page.Locator("#new-field-en").PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Champ ajouté.");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Engagements" }).ClickAsync();
        await page.Locator("#new-commitment-fr").FillAsync("Enseigner sans IA générative");
        await page.Locator("#new-commitment-en").FillAsync("Teach without generative AI");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les engagements" }).Last.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Engagement n° 1" })).ToBeVisibleAsync();
        await page.Locator("#new-commitment-fr").FillAsync("Réduire");
        await page.Locator("#new-commitment-en").FillAsync("Reduce");
        await page.Locator("#new-commitment-position").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer l’engagement n° 1" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Engagement ajouté. Engagement retiré.");
        await Assertions.Expect(page.Locator("#new-commitment-fr")).ToHaveValueAsync("");
        await Assertions.Expect(page.GetByRole(AriaRole.Group, new() { Name = "Engagement n° 1" }).GetByLabel("Intitulé en français")).ToHaveValueAsync("Réduire");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = "Vue d’ensemble" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Publier" }).ClickAsync();
        await Assertions.Expect(page.Locator("#check-text-en")).ToHaveClassAsync("done");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("La campagne est publiée.");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Page publique", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Lettre ouverte aux laboratoires", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".campaign-text strong")).ToHaveTextAsync("du temps");
        await Assertions.Expect(page.GetByLabel("Réduire")).ToBeVisibleAsync();
        await page.GotoAsync($"/en/c/{slug}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Open letter to laboratories", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".campaign-text strong")).ToHaveTextAsync("time");
    }
}
