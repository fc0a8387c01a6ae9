using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

public sealed class FirstStepsTests
{
    private const string NewOrganisation = "/fr/organiser/new-organisation";

    [Fact]
    public async Task An_organiser_creates_an_organisation_from_its_name_owns_it_and_sees_its_first_steps_ticked_as_they_are_done()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Editor);
        using var client = app.Browser();
        await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);
        Assert.Contains($"href=\"{NewOrganisation}\"", await client.GetStringAsync("/fr/organiser"), StringComparison.Ordinal);

        var created = await RalliementApp.PostFormAsync(client, NewOrganisation, new() { ["Form.Name"] = "  Collectif Éducation & Numérique ", ["Form.Slug"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/fr/organiser/first-steps?created=collectif-education-numerique", created.Headers.Location!.OriginalString);
        var organisation = await app.WithDbAsync(db => db.Organisations.Include(o => o.Members).SingleAsync(o => o.Slug == "collectif-education-numerique"));
        Assert.Equal("Collectif Éducation & Numérique", organisation.Name);
        Assert.Null(organisation.ContactEmail);
        Assert.Equal(OrganisationRole.Owner, Assert.Single(organisation.Members).Role);
        var audit = await app.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.OrganisationId == organisation.Id));
        Assert.Equal(("member.add", email, $"{email} as Owner"), (audit.Action, audit.Actor, audit.Details));

        var steps = await client.GetStringAsync(created.Headers.Location.OriginalString);
        Assert.Contains("L’organisation «&#x202F;Collectif Éducation &amp; Numérique&#x202F;» est créée", steps, StringComparison.Ordinal);
        Assert.Equal(3, CountOf("class=\"todo\"", steps));
        Assert.Contains("href=\"/fr/organiser/collectif-education-numerique/campaigns/new\">Écrire une première campagne", steps, StringComparison.Ordinal);

        var settings = "/fr/organiser/collectif-education-numerique/settings";
        var page = await client.GetStringAsync(settings);
        Assert.Contains("id=\"settings-contactemail\" name=\"Form.ContactEmail\" maxlength=\"254\" aria-describedby", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(client, settings, new()
        {
            ["Form.Name"] = "Collectif Éducation & Numérique",
            ["Form.ContactEmail"] = "bonjour@education-numerique.example.org",
            ["Form.RetentionMonths"] = "12",
        })).StatusCode);
        steps = await client.GetStringAsync("/fr/organiser/first-steps");
        Assert.Equal(1, CountOf("class=\"done\"", steps));
        Assert.Contains("<span class=\"visually-hidden\">Fait. </span><a href=\"/fr/organiser/collectif-education-numerique/settings#settings-contactemail\">", steps, StringComparison.Ordinal);
        // The demo organisation, where this organiser is an editor, has no steps of theirs.
        Assert.DoesNotContain("collectif-demo/settings", steps, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_slug_taken_is_refused_with_a_free_one_offered_and_the_name_kept()
    {
        using var app = new RalliementApp();
        using var client = await app.SignedInAsync(OrganisationRole.Owner);

        var taken = await RalliementApp.PostFormAsync(client, NewOrganisation, new() { ["Form.Name"] = "Collectif démo", ["Form.Slug"] = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        var page = await taken.Content.ReadAsStringAsync();
        Assert.Contains("L’adresse «&#x202F;collectif-demo&#x202F;» est déjà prise&#x202F;: «&#x202F;collectif-demo-2&#x202F;» est libre, par exemple.", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Name\" value=\"Collectif démo\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.Slug\" value=\"collectif-demo-2\"", page, StringComparison.Ordinal);

        foreach (var (slug, message) in new[] { ("first-steps", "est déjà prise"), ("Majuscules", "lettres minuscules"), ("-tiret", "lettres minuscules") })
        {
            var refused = await RalliementApp.PostFormAsync(client, NewOrganisation, new() { ["Form.Name"] = "Un nom", ["Form.Slug"] = slug });
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            var text = await refused.Content.ReadAsStringAsync();
            Assert.Contains(message, text, StringComparison.Ordinal);
            Assert.Contains($"name=\"Form.Slug\" value=\"{slug}\"", text, StringComparison.Ordinal);
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.Organisations.CountAsync()));
    }

    [Fact]
    public async Task When_only_administrators_create_organisations_the_page_says_so_and_creates_none()
    {
        using var app = new RalliementApp();
        app.Settings["Organisers:AnyoneMayCreateOrganisations"] = "false";
        using var client = await app.SignedInAsync(OrganisationRole.Owner);

        var page = await client.GetAsync(NewOrganisation);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("seuls ses administrateurs créent les organisations", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(NewOrganisation, await client.GetStringAsync("/fr/organiser"), StringComparison.Ordinal);
        Assert.DoesNotContain(NewOrganisation, await client.GetStringAsync("/fr/organiser/first-steps"), StringComparison.Ordinal);
    }

    private static int CountOf(string part, string text) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
