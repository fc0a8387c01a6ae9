using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.SelfService;

public sealed class NoticeTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private const string Organisation = RalliementApp.DemoOrganisation;

    [Fact]
    public async Task The_organisations_notices_are_written_from_its_settings_in_both_languages_encoded()
    {
        await _app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == Organisation).ExecuteUpdateAsync(o => o
            .SetProperty(x => x.DataController, "Association <script>alert(1)</script> & co")
            .SetProperty(x => x.LegalNotice, "Hébergeur : <img src=x onerror=alert(1)>")
            .SetProperty(x => x.RetentionMonths, 18)));
        using var visitor = _app.Browser();

        var privacy = await visitor.GetStringAsync($"/fr/o/{Organisation}/privacy");
        var privacyEn = await visitor.GetStringAsync($"/en/o/{Organisation}/privacy");
        var legal = await visitor.GetStringAsync($"/fr/o/{Organisation}/legal");
        var legalEn = await visitor.GetStringAsync($"/en/o/{Organisation}/legal");

        Assert.Contains("<h1>Notice de confidentialité</h1>", privacy, StringComparison.Ordinal);
        Assert.Contains("<h1>Privacy notice</h1>", privacyEn, StringComparison.Ordinal);
        Assert.Contains("Responsable du traitement&#x202F;: Association &lt;script&gt;alert(1)&lt;/script&gt; &amp; co", privacy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", privacy, StringComparison.Ordinal);
        Assert.Contains("au plus tard 18 mois", privacy, StringComparison.Ordinal);
        Assert.Contains("at the latest 18 months", privacyEn, StringComparison.Ordinal);
        foreach (var said in new[] { "article 9", "48 heures", "cookie de pistage", "empreinte chiffrée", "articles 15 à 21", "CNIL", "Votre signature" })
        {
            Assert.Contains(said, privacy, StringComparison.Ordinal);
        }
        Assert.Contains("<h1>Mentions légales</h1>", legal, StringComparison.Ordinal);
        Assert.Contains("<h1>Legal notice</h1>", legalEn, StringComparison.Ordinal);
        Assert.Contains("Hébergeur : &lt;img src=x onerror=alert(1)&gt;", legal, StringComparison.Ordinal);
        Assert.Contains($"href=\"/fr/o/{Organisation}/privacy\"", legal, StringComparison.Ordinal);
        // The campaign's notices are the same text, and lead to the organisation's.
        var campaignPrivacy = await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}/privacy");
        Assert.Contains("au plus tard 18 mois", campaignPrivacy, StringComparison.Ordinal);
        Assert.Contains($"href=\"/fr/o/{Organisation}/privacy\"", campaignPrivacy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_pages_footer_names_its_notices_in_the_pages_language()
    {
        using var visitor = _app.Browser();

        var french = await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}");
        var english = await visitor.GetStringAsync($"/en/c/{RalliementApp.Slug}");

        Assert.Contains($"<a href=\"/fr/c/{RalliementApp.Slug}/legal\">Mentions légales</a>", french, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/en/c/{RalliementApp.Slug}/legal\">Legal notice</a>", english, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/fr/c/{RalliementApp.Slug}/privacy\">Notice de confidentialité</a>", french, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"/en/c/{RalliementApp.Slug}/privacy\">Privacy notice</a>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("NoticeLink", french + english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_organisation_or_one_with_only_drafts_has_no_notice()
    {
        await _app.OrganisationAsync("brouillons-seulement");
        using var visitor = _app.Browser();

        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/fr/o/no-such-organisation/privacy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/en/o/brouillons-seulement/legal")).StatusCode);
    }
}
