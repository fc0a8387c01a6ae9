using System.Net;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Moderation;

public sealed class ModerationAccessTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private async Task<string[]> PagesOfAsync(string organisation, int campaign) =>
    [
        $"/fr/organiser/{organisation}/moderation",
        $"/fr/organiser/{organisation}/moderation/wave",
        $"/fr/organiser/{organisation}/audit",
        $"/fr/organiser/{organisation}/campaigns/{campaign}/export",
        $"/fr/organiser/{organisation}/campaigns/{campaign}/export.csv?set=signatures",
        $"/fr/organiser/{organisation}/campaigns/{campaign}/export.json?set=contacts",
    ];

    [Fact]
    public async Task Every_page_of_another_organisation_is_not_found_even_for_an_owner()
    {
        var foreign = await _app.CampaignOfAsync("autre-collectif", "autre-texte");
        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);

        foreach (var path in await PagesOfAsync("autre-collectif", foreign))
        {
            Assert.True(HttpStatusCode.NotFound == (await owner.GetAsync(path)).StatusCode, path);
        }
    }

    [Fact]
    public async Task Another_organisations_campaign_id_under_ones_own_organisation_is_not_found()
    {
        var foreign = await _app.CampaignOfAsync("autre-collectif", "autre-texte");
        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);

        foreach (var path in (await PagesOfAsync(RalliementApp.DemoOrganisation, foreign)).Where(p => p.Contains("/campaigns/", StringComparison.Ordinal)))
        {
            Assert.True(HttpStatusCode.NotFound == (await owner.GetAsync(path)).StatusCode, path);
        }
    }

    [Fact]
    public async Task A_moderator_moderates_and_exports_but_cannot_read_the_audit_log()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        foreach (var path in await PagesOfAsync(RalliementApp.DemoOrganisation, campaign))
        {
            var expected = path.EndsWith("/audit", StringComparison.Ordinal) ? HttpStatusCode.Forbidden : HttpStatusCode.OK;
            Assert.True(expected == (await moderator.GetAsync(path)).StatusCode, path);
        }
    }

    [Fact]
    public async Task An_editor_can_neither_moderate_nor_export_nor_read_the_audit_log()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        var held = await _app.SignatureAsync(SignatureState.Held);
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);

        foreach (var path in await PagesOfAsync(RalliementApp.DemoOrganisation, campaign))
        {
            Assert.True(HttpStatusCode.Forbidden == (await editor.GetAsync(path)).StatusCode, path);
        }
        var home = await editor.GetStringAsync("/fr/organiser/collectif-demo");
        var post = await editor.PostAsync("/fr/organiser/collectif-demo/moderation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            // The policy answers before the antiforgery check: no token is needed to be refused.
            ["__RequestVerificationToken"] = "none",
            ["act"] = "approve",
            ["ids"] = held.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Equal(SignatureState.Held, (await _app.SignatureByIdAsync(held)).State);
        Assert.DoesNotContain("/moderation\"", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_is_sent_to_the_login_page()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        using var visitor = _app.Browser();

        foreach (var path in await PagesOfAsync(RalliementApp.DemoOrganisation, campaign))
        {
            var response = await visitor.GetAsync(path);
            Assert.True(HttpStatusCode.Redirect == response.StatusCode, path);
            Assert.StartsWith("/fr/organiser/login?returnUrl=", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }
}
