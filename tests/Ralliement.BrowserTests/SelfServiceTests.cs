using Microsoft.Playwright;

namespace Ralliement.BrowserTests;

/// <summary>A signer asks for their link, opens their page and erases their signature; axe finds nothing on the way.</summary>
public sealed class SelfServiceTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task The_self_service_journey_and_the_organisation_notices_have_no_WCAG_AA_violation()
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        var email = $"self.{Guid.NewGuid():N}@example.org";
        await host.ConfirmedSignatureAsync(email, "Rosa", "Parcs");

        await page.GotoAsync("/fr/c/objection-ia-generative");
        await page.GetByRole(AriaRole.Link, new() { Name = "Votre signature\u202f: voir, télécharger, retirer ou effacer vos données" }).ClickAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir le lien" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir le lien" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Si cette adresse a signé ce texte");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        var mail = await host.EmailToAsync(email);
        await page.GotoAsync(BrowserHost.LinkIn(mail, "my-signature"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Ce qui est conservé à votre sujet" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Université Ouverte")).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Tout effacer" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre signature est effacée" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);

        foreach (var path in new[] { "/fr/o/collectif-demo/privacy", "/en/o/collectif-demo/legal" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(200, response?.Status);
            await AccessibilityTests.AssertNoViolationsAsync(page);
        }
    }
}
