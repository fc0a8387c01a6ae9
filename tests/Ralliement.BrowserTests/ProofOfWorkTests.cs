using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ralliement.Data;
using Ralliement.Privacy;
using Ralliement.Shared;

namespace Ralliement.BrowserTests;

/// <summary>
/// The proof of work as a signer meets it, with the site's Content-Security-Policy enforced: the
/// script, its worker and its request for a challenge must all pass it. A confirmed signature from
/// the browser is also the proof that the script hashes exactly as the server checks.
/// </summary>
public sealed class ProofOfWorkTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Campaign = "/en/c/objection-ia-generative";

    [Fact]
    public async Task With_JavaScript_the_form_carries_a_proof_and_the_signature_counts_once_confirmed()
    {
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl, JavaScriptEnabled = true, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var refused = new List<string>();
        page.Console += (_, message) => refused.Add(message.Text);
        var email = $"pow.{Guid.NewGuid():N}@example.org";

        // The challenge is held back until the signer has pressed the button: the form must say it waits, then go.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/api/proof-of-work*", async route =>
        {
            await release.Task;
            await route.ContinueAsync();
        });

        await page.GotoAsync(Campaign);
        await FillAsync(page, email, "Script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("One moment: your browser is finishing a short anti-robot check");
        release.SetResult();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/en/c/objection-ia-generative/check-your-inbox$"), new() { Timeout = 30_000 });
        var mail = await host.EmailToAsync(email);
        await page.GotoAsync(BrowserHost.LinkIn(mail, "confirm"));

        var signature = await SignatureAsync(email);
        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), signature);
        Assert.DoesNotContain(refused, text => text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task When_the_challenge_cannot_be_had_the_form_is_sent_without_a_proof_and_the_signature_counts()
    {
        await using var context = await host.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = host.BaseUrl, JavaScriptEnabled = true, Locale = "en-GB" });
        var page = await context.NewPageAsync();
        await page.RouteAsync("**/api/proof-of-work*", route => route.AbortAsync());
        var email = $"failed.{Guid.NewGuid():N}@example.org";

        await page.GotoAsync(Campaign);
        await FillAsync(page, email, "Réseau Coupé");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/en/c/objection-ia-generative/check-your-inbox$"));
        var mail = await host.EmailToAsync(email);
        await page.GotoAsync(BrowserHost.LinkIn(mail, "confirm"));
        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await SignatureAsync(email));
    }

    [Fact]
    public async Task Without_JavaScript_signing_works_and_the_signature_counts_once_confirmed()
    {
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        var email = $"nopow.{Guid.NewGuid():N}@example.org";

        await page.GotoAsync(Campaign);
        await FillAsync(page, email, "Sans Script");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign", Exact = true }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/en/c/objection-ia-generative/check-your-inbox$"));
        var mail = await host.EmailToAsync(email);
        await page.GotoAsync(BrowserHost.LinkIn(mail, "confirm"));

        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await SignatureAsync(email));
    }

    private static async Task FillAsync(IPage page, string email, string lastName)
    {
        await page.GetByLabel("First name").FillAsync("Paula");
        await page.GetByLabel("Last name").FillAsync(lastName);
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Institution or organisation").FillAsync("Université du Calcul");
        await page.GetByLabel("I agree that my signature and the details above are recorded").CheckAsync();
    }

    private async Task<(SignatureState, HoldReason?)> SignatureAsync(string email)
    {
        var key = host.Services.GetRequiredService<AddressProtection>().Key(EmailAddress.Parse(email));
        return await host.WithDbAsync(async db => await db.Signatures.Where(s => s.EmailKey == key)
            .Select(s => ValueTuple.Create(s.State, s.HoldReason)).SingleAsync());
    }
}
