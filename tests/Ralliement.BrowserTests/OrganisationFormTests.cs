using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ralliement.Data;

namespace Ralliement.BrowserTests;

/// <summary>
/// The signing form of a campaign that accepts organisations and asks for a city and a field of its
/// own: usable without JavaScript, and with no WCAG AA violation whichever "I sign as" is chosen.
/// </summary>
public sealed class OrganisationFormTests(BrowserHost host) : IClassFixture<BrowserHost>, IAsyncLifetime
{
    private const string Sign = "/fr/c/objection-ia-generative/sign";

    public Task InitializeAsync() => host.ChangeDemoCampaignAsync(c =>
    {
        c.AcceptsOrganisations = true;
        c.City = FieldRule.Required;
        if (c.CustomFields.Count == 0)
        {
            var field = new CustomField { Rule = FieldRule.Optional, ShownPublicly = true };
            field.Labels.Add(new CustomFieldLabel { Language = "fr", Text = "Laboratoire" });
            field.Labels.Add(new CustomFieldLabel { Language = "en", Text = "Laboratory" });
            c.CustomFields.Add(field);
        }
    });

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("person")]
    [InlineData("organisation")]
    public async Task Either_variant_of_the_form_has_no_WCAG_AA_violation(string signAs)
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Sign);
        await page.Locator($"#f-SignAs-{signAs}").CheckAsync();

        await AccessibilityTests.AssertNoViolationsAsync(page);

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");
        Assert.Equal(422, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task Only_the_fields_of_the_chosen_kind_show_even_without_JavaScript()
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Sign);

        await Assertions.Expect(page.GetByLabel("Nom de l’organisation")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByLabel("Établissement ou organisme")).ToBeVisibleAsync();
        await page.GetByLabel("au nom d’une organisation que je représente").CheckAsync();
        await Assertions.Expect(page.GetByLabel("Nom de l’organisation")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("Établissement ou organisme")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task An_organisation_signs_without_JavaScript_and_appears_among_the_organisations()
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        var email = $"representative.{Guid.NewGuid():N}@example.org";
        await page.GotoAsync(Sign);

        await page.GetByLabel("au nom d’une organisation que je représente").CheckAsync();
        await page.GetByLabel("Nom de l’organisation").FillAsync("Association Sans Script");
        await page.GetByLabel("Type d’organisation").SelectOptionAsync("association");
        await page.GetByLabel("Prénom").FillAsync("Rémi");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Représentant");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("Ville").FillAsync("Grenoble");
        await page.GetByLabel("Laboratoire").FillAsync("Aucun");
        await page.GetByLabel("Afficher mon nom dans la liste publique").CheckAsync();
        await page.GetByLabel("J’accepte que ma signature").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/fr/c/objection-ia-generative/check-your-inbox$"));

        var mail = await host.EmailToAsync(email);
        await page.GotoAsync(BrowserHost.LinkIn(mail, "confirm"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Merci, votre signature est confirmée" })).ToBeVisibleAsync();

        await page.GotoAsync("/fr/c/objection-ia-generative/signatories?kind=organisations");
        await Assertions.Expect(page.GetByText("Association Sans Script")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Représentant")).ToHaveCountAsync(0);

        await using var checking = await host.NewContextAsync(javaScript: true);
        var list = await checking.NewPageAsync();
        await list.GotoAsync("/fr/c/objection-ia-generative/signatories?kind=organisations");
        await AccessibilityTests.AssertNoViolationsAsync(list);
        await list.GotoAsync("/fr/c/objection-ia-generative");
        await Assertions.Expect(list.GetByRole(AriaRole.Heading, new() { Name = "Dernières organisations signataires" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(list);
    }
}
