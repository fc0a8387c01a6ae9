using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Ralliement.Data;
using Ralliement.Demo;

namespace Ralliement.BrowserTests;

/// <summary>The statistics pages, read without JavaScript on a phone and a desktop.</summary>
public sealed class StatisticsPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    private static readonly string[] Institutions = ["Université Lumière Lyon 2", "Sorbonne Université", "Institut national de recherche en informatique et en automatique", "IUT de Lannion"];

    /// <summary>Three weeks of signatures with long institution names and a small one, once per host.</summary>
    private async Task<int> SeedAsync() => await host.WithDbAsync(async db =>
    {
        var campaign = await db.Campaigns.SingleAsync(c => c.Slug == DemoCampaign.Slug);
        if (campaign.SignatureCount > 0)
        {
            return campaign.Id;
        }
        var now = DateTime.UtcNow;
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var at = now.AddHours(-random.Next(0, 21 * 24));
            db.Signatures.Add(new Signature
            {
                CampaignId = campaign.Id,
                State = SignatureState.Confirmed,
                Language = "fr",
                FirstName = "Ana",
                LastName = "Lopes",
                Institution = i % 75 == 0 ? Institutions[3] : Institutions[i % 3],
                ProfessionalStatus = i % 2 == 0 ? "Enseignant·e-chercheur·e" : "Doctorant·e",
                ShowPublicly = i % 7 != 3,
                CreatedAt = at,
                ConfirmedAt = at,
            });
        }
        campaign.SignatureCount += 300;
        await db.SaveChangesAsync();
        return campaign.Id;
    });

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task The_public_statistics_read_without_javascript_fit_a_phone_and_a_desktop_and_pass_axe(string language)
    {
        await SeedAsync();
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        foreach (var width in (int[])[390, 1280])
        {
            await page.SetViewportSizeAsync(width, 900);
            var response = await page.GotoAsync($"/{language}/c/{DemoCampaign.Slug}/stats");

            Assert.Equal(200, response?.Status);
            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"The statistics are wider than {width} px.");
            Assert.Equal(2, await page.Locator("svg.chart[role=img]").CountAsync());
            await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = Institutions[0] })).ToBeVisibleAsync();
            Assert.Equal(0, await page.GetByText(Institutions[3]).CountAsync());
        }
        await AssertNoViolationsAtBothWidthsAsync($"/{language}/c/{DemoCampaign.Slug}/stats");
    }

    /// <summary>axe is a script: it runs in a context that allows scripts, on the same page.</summary>
    private async Task AssertNoViolationsAtBothWidthsAsync(string path, OrganisationRole? signedInAs = null)
    {
        await using var context = await host.NewContextAsync(javaScript: true);
        var page = signedInAs is { } role ? await host.SignedInPageAsync(context, role) : await context.NewPageAsync();
        foreach (var width in (int[])[390, 1280])
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync(path);
            await AccessibilityTests.AssertNoViolationsAsync(page);
        }
    }

    [Fact]
    public async Task The_organisers_statistics_fit_a_phone_and_pass_axe()
    {
        var campaign = await SeedAsync();
        await using var context = await host.NewContextAsync(javaScript: false);
        var page = await host.SignedInPageAsync(context, OrganisationRole.Moderator);
        foreach (var width in (int[])[390, 1280])
        {
            await page.SetViewportSizeAsync(width, 900);
            await page.GotoAsync($"/fr/organiser/{BrowserHost.DemoOrganisation}/campaigns/{campaign}/stats");

            Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= width, $"The organisers' statistics are wider than {width} px.");
            Assert.Equal(3, await page.Locator("svg.chart[role=img]").CountAsync());
            await Assertions.Expect(page.GetByRole(AriaRole.Rowheader, new() { Name = Institutions[3] })).ToBeVisibleAsync();
        }
        await AssertNoViolationsAtBothWidthsAsync($"/fr/organiser/{BrowserHost.DemoOrganisation}/campaigns/{campaign}/stats", OrganisationRole.Moderator);
    }
}
