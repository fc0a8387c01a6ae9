using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Ralliement.BrowserTests;

/// <summary>axe-core, limited to WCAG 2.0–2.2 A and AA rules, finds nothing on the pages a signer sees.</summary>
public sealed class AccessibilityTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    internal static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(WcagAA);
        var report = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"));
        Assert.True(result.Violations.Length == 0, $"{page.Url}\n{report}");
        // Proof that axe looked at the page at all, not at an empty document.
        Assert.True(result.Passes.Length > 10, $"axe checked only {result.Passes.Length} rules on {page.Url}");
    }

    [Theory]
    [InlineData("/fr/c/objection-ia-generative", 200)]
    [InlineData("/en/c/objection-ia-generative", 200)]
    [InlineData("/fr/c/objection-ia-generative/sign", 200)]
    [InlineData("/en/c/objection-ia-generative/signatories", 200)]
    [InlineData("/fr/c/objection-ia-generative/stats", 200)]
    [InlineData("/en/c/objection-ia-generative/stats", 200)]
    [InlineData("/fr/c/objection-ia-generative/news", 200)]
    [InlineData("/fr/c/objection-ia-generative/privacy", 200)]
    [InlineData("/fr/c/objection-ia-generative/check-your-inbox", 200)]
    [InlineData("/en/", 200)]
    [InlineData("/fr/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 404)]
    [InlineData("/en/no-such-page", 404)]
    public async Task A_public_page_has_no_WCAG_AA_violation(string path, int status)
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        // The status proves which page axe looked at: a 404 here is the error page, not a broken link.
        Assert.Equal(status, response?.Status);
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_form_error_page_has_no_WCAG_AA_violation()
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/fr/c/objection-ia-generative");

        var response = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync(),
            r => r.Request.Method == "POST");

        Assert.Equal(422, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_inbox_confirmation_and_withdrawal_pages_have_no_WCAG_AA_violation()
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        var email = $"axe.{Guid.NewGuid():N}@example.org";
        await page.GotoAsync("/fr/c/objection-ia-generative/sign");
        await page.GetByLabel("Prénom").FillAsync("Axe");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Contrôle");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("J’accepte que ma signature").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/fr/c/objection-ia-generative/check-your-inbox$"));
        await AssertNoViolationsAsync(page);

        var mail = await host.EmailToAsync(email);

        await page.GotoAsync(BrowserHost.LinkIn(mail, "confirm"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Merci, votre signature est confirmée" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page);
        await page.GotoAsync(BrowserHost.LinkIn(mail, "withdraw"));
        await AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer ma signature" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Votre signature a été retirée" })).ToBeVisibleAsync();
        await AssertNoViolationsAsync(page);
    }
}
