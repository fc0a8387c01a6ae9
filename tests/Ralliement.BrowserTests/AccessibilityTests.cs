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

    private static async Task AssertNoViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(WcagAA);
        var report = string.Join("\n", result.Violations.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"));
        Assert.True(result.Violations.Length == 0, $"{page.Url}\n{report}");
        // Proof that axe looked at the page at all, not at an empty document.
        Assert.True(result.Passes.Length > 10, $"axe checked only {result.Passes.Length} rules on {page.Url}");
    }

    [Theory]
    [InlineData("/fr/c/objection-ia-generative")]
    [InlineData("/en/c/objection-ia-generative")]
    [InlineData("/fr/c/objection-ia-generative/sign")]
    [InlineData("/en/c/objection-ia-generative/signatories")]
    [InlineData("/fr/c/objection-ia-generative/privacy")]
    [InlineData("/fr/c/objection-ia-generative/check-your-inbox")]
    [InlineData("/en/")]
    [InlineData("/fr/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/en/no-such-page")]
    public async Task A_public_page_has_no_WCAG_AA_violation(string path)
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_form_error_page_has_no_WCAG_AA_violation()
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/fr/c/objection-ia-generative/sign");
        await page.GetByLabel("Adresse e-mail").FillAsync("not-an-address");
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();

        await AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_confirmation_and_withdrawal_pages_have_no_WCAG_AA_violation()
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
        var mail = await host.EmailToAsync(email);

        await page.GotoAsync(BrowserHost.LinkIn(mail, "confirm"));
        await AssertNoViolationsAsync(page);
        await page.GotoAsync(BrowserHost.LinkIn(mail, "withdraw"));
        await AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Retirer ma signature" }).ClickAsync();
        await AssertNoViolationsAsync(page);
    }
}
