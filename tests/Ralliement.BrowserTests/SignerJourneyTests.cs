using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Ralliement.BrowserTests;

public sealed class SignerJourneyTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Campaign = "/fr/c/objection-ia-generative";

    [Fact]
    public async Task A_person_without_JavaScript_signs_confirms_and_withdraws()
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        var email = $"camille.{Guid.NewGuid():N}@example.org";

        await page.GotoAsync(Campaign);
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();
        Assert.EndsWith("/en/c/objection-ia-generative", page.Url, StringComparison.Ordinal);
        var before = await BrowserHost.CountOnPageAsync(page);

        await page.GetByLabel("First name").FillAsync("Camille");
        await page.GetByLabel("Last name").FillAsync("Navigateur");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Institution or organisation").FillAsync("Université Sans Script");
        await page.GetByLabel("I do not use generative AI").CheckAsync();
        await page.GetByLabel("If a tool is truly needed").CheckAsync();
        await page.GetByLabel("Show my name in the public list").CheckAsync();
        await page.GetByLabel("I agree that my signature and the details above are recorded").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/en/c/objection-ia-generative/check-your-inbox$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your inbox" })).ToBeVisibleAsync();

        var mail = await host.EmailToAsync(email);
        await page.GotoAsync(BrowserHost.LinkIn(mail, "confirm"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Thank you, your signature is confirmed" })).ToBeVisibleAsync();
        Assert.Equal(before + 1, await BrowserHost.CountOnPageAsync(page));

        await page.GotoAsync("/en/c/objection-ia-generative/signatories");
        await Assertions.Expect(page.GetByText("Camille Navigateur")).ToBeVisibleAsync();

        await page.GotoAsync(BrowserHost.LinkIn(mail, "withdraw"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my signature" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your signature has been withdrawn" })).ToBeVisibleAsync();

        await page.GotoAsync("/en/c/objection-ia-generative");
        Assert.Equal(before, await BrowserHost.CountOnPageAsync(page));
        await page.GotoAsync("/en/c/objection-ia-generative/signatories");
        await Assertions.Expect(page.GetByText("Camille Navigateur")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_form_sent_empty_comes_back_with_every_error_next_to_its_field()
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync(Campaign);

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(422, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Le formulaire contient des erreurs");
        await Assertions.Expect(page.GetByLabel("Prénom")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(page.GetByLabel("Adresse e-mail")).ToHaveAccessibleDescriptionAsync("Ce champ est obligatoire.");
    }
}
