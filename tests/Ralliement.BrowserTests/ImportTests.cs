using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ralliement.Data;
using Ralliement.News;

namespace Ralliement.BrowserTests;

/// <summary>A moderator imports paper signatures, an editor writes news; axe finds nothing on their pages.</summary>
public sealed class ImportTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    [Fact]
    public async Task A_moderator_imports_a_file_with_one_bad_row_and_the_count_rises_by_the_good_ones()
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Moderator);
        var campaignId = await host.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == "objection-ia-generative").Select(c => c.Id).SingleAsync());
        await page.GotoAsync("/fr/c/objection-ia-generative");
        var before = await BrowserHost.CountOnPageAsync(page);

        var import = $"/fr/organiser/collectif-demo/campaigns/{campaignId}/import";
        await page.GotoAsync(import);
        await AccessibilityTests.AssertNoViolationsAsync(page);

        // A file saved in Latin-1: refused with a clear reason, on a page axe checks too.
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload { Name = "latin1.csv", MimeType = "text/csv", Buffer = Encoding.Latin1.GetBytes("prénom;nom\nHélène;Dupré\n") });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier le fichier" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("CSV UTF-8");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        var csv = "prénom;nom;email;public\n"
            + $"Paula;Papier;paula.{Guid.NewGuid():N}@example.org;oui\n"
            + "Marc;Manuscrit;;oui\n"
            + "=HYPERLINK(\"http://evil.example\");Piège;;non\n";
        await page.GetByLabel("Fichier CSV").SetInputFilesAsync(new FilePayload { Name = "papier.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Vérifier le fichier" }).ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/fr/organiser/collectif-demo/campaigns/{campaignId}/import/[0-9]+$"));
        var errors = page.GetByRole(AriaRole.Table, new() { Name = "Problèmes par ligne" });
        await Assertions.Expect(errors.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("4");
        await Assertions.Expect(errors).ToContainTextAsync("Commence par =");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Importer 2 signatures" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("2 signatures importées.");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.GotoAsync("/fr/c/objection-ia-generative");
        Assert.Equal(before + 2, await BrowserHost.CountOnPageAsync(page));
    }

    [Fact]
    public async Task The_news_pages_and_the_unsubscribe_page_have_no_WCAG_AA_violation()
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Editor);
        var campaignId = await host.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == "objection-ia-generative").Select(c => c.Id).SingleAsync());

        await page.GotoAsync($"/fr/organiser/collectif-demo/campaigns/{campaignId}/news");
        await AccessibilityTests.AssertNoViolationsAsync(page);

        // Refused: the campaign's language is missing.
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);

        await page.Locator("#subject-fr").FillAsync("Des nouvelles");
        await page.Locator("#body-fr").FillAsync("Nous avons **rencontré** le ministère.\n\n- point 1\n- point 2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer le brouillon" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Des nouvelles", Level = 3 })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);

        var signatureId = await host.WithDbAsync(async db =>
        {
            var signature = new Signature { CampaignId = campaignId, State = SignatureState.Confirmed, Source = SignatureSource.Import, Language = "fr", FirstName = "Nina", LastName = "News", AcceptsNews = true, CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow };
            db.Signatures.Add(signature);
            await db.SaveChangesAsync();
            return signature.Id;
        });
        var token = host.Services.GetRequiredService<UnsubscribeTokens>().For(signatureId);
        await page.GotoAsync($"/fr/unsubscribe/{token}");
        await AccessibilityTests.AssertNoViolationsAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Ne plus recevoir de nouvelles" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Vous ne recevrez plus de nouvelles" })).ToBeVisibleAsync();
        await AccessibilityTests.AssertNoViolationsAsync(page);
    }
}
