using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Ralliement.Data;

namespace Ralliement.BrowserTests;

/// <summary>A moderator approves a held signature and downloads the export; axe finds nothing on the organisers' pages.</summary>
public sealed class ModerationTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private const string Organisation = "/fr/organiser/collectif-demo";
    private const string Campaign = "/fr/c/objection-ia-generative";

    [Fact]
    public async Task A_moderator_approves_a_held_signature_and_the_public_count_grows()
    {
        var campaign = await host.HeldSignatureAsync("Maëlle", "Retenue");
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Moderator);
        await page.GotoAsync(Campaign);
        var before = await BrowserHost.CountOnPageAsync(page);

        await page.GotoAsync($"{Organisation}/moderation?campaign={campaign}");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByLabel("Maëlle Retenue").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approuver", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("1 signature approuvée");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GotoAsync($"{Organisation}/moderation?campaign={campaign}&state=confirmed");
        await page.GetByRole(AriaRole.Row, new() { Name = "Maëlle Retenue" }).GetByRole(AriaRole.Link).ClickAsync();
        // Confirmed by its signer: the address is kept only as a hash, the domain is what moderators see.
        await Assertions.Expect(page.GetByRole(AriaRole.Cell, new() { NameRegex = new Regex("@univ-held\\.example \\(l’adresse n’est plus gardée que sous forme d’empreinte\\)$") })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GotoAsync(Campaign);
        Assert.Equal(before + 1, await BrowserHost.CountOnPageAsync(page));
    }

    [Fact]
    public async Task A_moderator_downloads_the_signatures_as_CSV_from_the_export_page()
    {
        var campaign = await host.HeldSignatureAsync("Exportée", "Approuvée");
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Moderator);
        await page.GotoAsync($"{Organisation}/moderation?campaign={campaign}");
        await page.GetByLabel("Exportée Approuvée").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Approuver", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        await page.GotoAsync($"{Organisation}/campaigns/{campaign}/export");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        // The French page's default: semicolons, a byte-order mark and French headers, as a French spreadsheet expects.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Signatures (CSV, tableur)" }).ClickAsync());

        Assert.EndsWith("-signatures-" + DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + ".csv", download.SuggestedFilename, StringComparison.Ordinal);
        var bytes = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = System.Text.Encoding.UTF8.GetString(bytes[3..]);
        Assert.StartsWith("Numéro;Confirmée le (UTC);Prénom;Nom;Établissement;", csv, StringComparison.Ordinal);
        Assert.Contains(";Exportée;Approuvée;Université Retenue;", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("@univ-held.example", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_spam_wave_page_has_no_WCAG_AA_violation_even_after_a_preview()
    {
        var campaign = await host.HeldSignatureAsync("Vague", "Suspecte");
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Moderator);

        await page.GotoAsync($"{Organisation}/moderation/wave");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GotoAsync($"{Organisation}/moderation/wave?preview=true&campaign={campaign}&domain=univ-held.example");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Rejeter ce") })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_audit_log_an_owner_reads_has_no_WCAG_AA_violation()
    {
        var campaign = await host.HeldSignatureAsync("Journal", "Lisible");
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Owner);
        await page.GotoAsync($"{Organisation}/moderation?campaign={campaign}");
        await page.GetByLabel("Journal Lisible").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Masquer le nom public" }).ClickAsync();

        await page.GotoAsync($"{Organisation}/audit");

        await Assertions.Expect(page.GetByText(new Regex("a masqué le nom public de 1 signature de «")).First).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }

    [Fact]
    public async Task The_organisers_pages_with_rows_in_them_fit_a_390_px_phone()
    {
        var campaign = await host.HeldSignatureAsync("Téléphone", "Étroit");
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Owner);
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync($"{Organisation}/moderation?campaign={campaign}");
        var detail = await page.Locator("tbody a").First.GetAttributeAsync("href");

        foreach (var path in new[] { Organisation, $"{Organisation}/members", $"{Organisation}/moderation?campaign={campaign}", detail!, $"{Organisation}/audit", $"{Organisation}/campaigns/{campaign}/import", $"{Organisation}/campaigns/{campaign}/news" })
        {
            await page.GotoAsync(path);
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, $"{path} is wider than a 390 px phone.");
        }
    }
}
