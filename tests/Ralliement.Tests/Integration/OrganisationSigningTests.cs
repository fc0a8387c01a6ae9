using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>Organisations signing as such through their representative, and listed apart.</summary>
public sealed partial class OrganisationSigningTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task AcceptOrganisationsAsync() => _app.ChangeCampaignAsync(c => c.AcceptsOrganisations = true);

    private static Dictionary<string, string> OrganisationForm(string email, string name = "Sud Éducation", string kind = "union")
    {
        var form = RalliementApp.Form(email, firstName: "Rémi", lastName: "Représentant");
        form.Remove("Institution");
        form["SignAs"] = "organisation";
        form["OrganisationName"] = name;
        form["OrganisationKind"] = kind;
        return form;
    }

    [Fact]
    public async Task The_form_offers_to_sign_as_an_organisation_only_when_the_campaign_accepts_them()
    {
        using var client = _app.Browser();
        Assert.DoesNotContain("name=\"SignAs\"", await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/sign"), StringComparison.Ordinal);

        await AcceptOrganisationsAsync();

        var page = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/sign");
        Assert.Contains("<input type=\"radio\" id=\"f-SignAs-person\" name=\"SignAs\" value=\"person\" checked=\"checked\">", page, StringComparison.Ordinal);
        Assert.Contains("<input type=\"radio\" id=\"f-SignAs-organisation\" name=\"SignAs\" value=\"organisation\">", page, StringComparison.Ordinal);
        // Without JavaScript every field is there: the organisation's are required only when chosen.
        Assert.Contains("name=\"OrganisationName\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"public-body\">Organisme public</option>", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"public-body\">Public body</option>", await client.GetStringAsync($"/en/c/{RalliementApp.Slug}/sign"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_leaves_the_organisation_fields_empty_and_signs_as_before()
    {
        await AcceptOrganisationsAsync();
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("person"));
        form["SignAs"] = "person";
        form["OrganisationName"] = "";
        form["OrganisationKind"] = "";

        await _app.SignAndConfirmAsync(form);

        var stored = await _app.SignatureOfAsync(form["Email"]);
        Assert.Equal((SignatoryKind.Person, null, "Université de Test"), (stored.Kind, stored.OrganisationName, stored.Institution));
    }

    [Fact]
    public async Task An_organisation_without_its_name_and_kind_is_told_so_in_French_and_in_English()
    {
        await AcceptOrganisationsAsync();
        var form = OrganisationForm(RalliementApp.UniqueEmail("org"), name: "   ", kind: "");

        var french = await _app.SignAsync(form, "fr");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, french.StatusCode);
        var page = await french.Content.ReadAsStringAsync();
        Assert.Contains("<a href=\"#f-OrganisationName\">Nom de l’organisation&#x202F;: Ce champ est obligatoire.</a>", page, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#f-OrganisationKind\">Type d’organisation&#x202F;: Ce champ est obligatoire.</a>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"f-SignAs-organisation\" name=\"SignAs\" value=\"organisation\" checked=\"checked\"", page, StringComparison.Ordinal);

        form["OrganisationName"] = "Sud Éducation";
        form["OrganisationKind"] = "secret-society";
        var english = await _app.SignAsync(form, "en");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, english.StatusCode);
        Assert.Contains("<a href=\"#f-OrganisationKind\">Kind of organisation: Choose a kind of organisation from the list.</a>", await english.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(_app.EmailsTo(form["Email"]));
    }

    [Fact]
    public async Task The_representative_confirms_and_the_organisation_is_counted_and_listed_apart()
    {
        await AcceptOrganisationsAsync();
        await _app.SignAndConfirmAsync(RalliementApp.Form(RalliementApp.UniqueEmail("person"), firstName: "Inès", lastName: "Martin"));
        var form = OrganisationForm(RalliementApp.UniqueEmail("representative"));

        var signed = await _app.SignAsync(form);
        Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        var mail = await _app.EmailToAsync(form["Email"]);
        Assert.Contains("Bonjour Rémi", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("au nom de l’organisation «\u202fSud Éducation\u202f»", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await _app.ConfirmAsync(mail)).StatusCode);

        var stored = await _app.SignatureOfAsync(form["Email"]);
        Assert.Equal((SignatoryKind.Organisation, "Sud Éducation", "union", SignatureState.Confirmed), (stored.Kind, stored.OrganisationName, stored.OrganisationKind, stored.State));
        // The representative's own details are not asked of an organisation.
        Assert.Null(stored.Institution);

        Assert.Equal(2, await _app.PublicCountAsync());
        using var client = _app.Browser();
        var campaign = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}");
        Assert.Contains("signatures confirmées, dont 1 organisation", campaign, StringComparison.Ordinal);
        Assert.Contains("Dernières organisations signataires", campaign, StringComparison.Ordinal);
        Assert.Contains("including 1 organisation", await client.GetStringAsync($"/en/c/{RalliementApp.Slug}"), StringComparison.Ordinal);

        var people = await _app.PublicListAsync();
        Assert.Contains("Inès Martin", people, StringComparison.Ordinal);
        Assert.DoesNotContain("Sud Éducation", people, StringComparison.Ordinal);
        Assert.Contains("Personnes (1)", people, StringComparison.Ordinal);
        Assert.Contains("Organisations (1)", people, StringComparison.Ordinal);

        var organisations = await _app.PublicListAsync(query: "?kind=organisations");
        Assert.Contains("<strong>Sud Éducation</strong> <span class=\"meta\">(Syndicat)</span>", organisations, StringComparison.Ordinal);
        Assert.DoesNotContain("Inès Martin", organisations, StringComparison.Ordinal);
        // The representative confirms; the public sees the organisation, not the person behind it.
        Assert.DoesNotContain("Représentant", organisations, StringComparison.Ordinal);
        Assert.Contains("(Union)", await _app.PublicListAsync("en", "?kind=organisations"), StringComparison.Ordinal);
        Assert.Contains("<strong>Sud Éducation</strong>", await _app.PublicListAsync(query: "?kind=organisations&q=sud+education"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Withdrawing_an_organisation_takes_it_off_the_count_and_the_list()
    {
        await AcceptOrganisationsAsync();
        var form = OrganisationForm(RalliementApp.UniqueEmail("representative"));
        await _app.SignAndConfirmAsync(form);
        Assert.Equal(1, await _app.PublicCountAsync());

        Assert.Equal(HttpStatusCode.OK, (await _app.WithdrawAsync(await _app.EmailToAsync(form["Email"]))).StatusCode);

        Assert.Equal(0, await _app.PublicCountAsync());
        Assert.DoesNotContain("Sud Éducation", await _app.PublicListAsync(query: "?kind=organisations"), StringComparison.Ordinal);
        var left = await _app.WithDbAsync(db => db.Signatures.SingleAsync());
        Assert.Equal((SignatureState.Withdrawn, null, null), (left.State, left.OrganisationName, left.OrganisationKind));
    }

    [Fact]
    public async Task Where_organisations_are_not_accepted_a_posted_organisation_signs_as_a_person()
    {
        var form = OrganisationForm(RalliementApp.UniqueEmail("sneaky"));

        await _app.SignAndConfirmAsync(form);

        var stored = await _app.SignatureOfAsync(form["Email"]);
        Assert.Equal((SignatoryKind.Person, null), (stored.Kind, stored.OrganisationName));
    }

    [Fact]
    public async Task Organisations_have_their_own_pages_each_listed_exactly_once()
    {
        await AcceptOrganisationsAsync();
        await _app.WithDbAsync(async db =>
        {
            var campaign = await db.Campaigns.SingleAsync(c => c.Slug == RalliementApp.Slug);
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < 130; i++)
            {
                var organisation = i % 2 == 0;
                db.Signatures.Add(new Signature
                {
                    CampaignId = campaign.Id,
                    State = SignatureState.Confirmed,
                    Kind = organisation ? SignatoryKind.Organisation : SignatoryKind.Person,
                    OrganisationName = organisation ? $"Collectif{i:D3}" : null,
                    OrganisationKind = organisation ? "collective" : null,
                    Language = "fr",
                    FirstName = $"Personne{i:D3}",
                    LastName = "Liste",
                    EmailKey = $"list-o{i}",
                    ShowPublicly = true,
                    CreatedAt = now,
                    ConfirmedAt = now,
                });
            }
            campaign.SignatureCount = 130;
            return await db.SaveChangesAsync();
        });
        using var client = _app.Browser();

        var seen = new List<string>();
        string? link = $"/fr/c/{RalliementApp.Slug}/signatories?kind=organisations";
        while (link is not null)
        {
            var page = await client.GetStringAsync(link);
            Assert.DoesNotMatch("Personne\\d", page);
            seen.AddRange(OrganisationName().Matches(page).Select(m => m.Groups[1].Value));
            var older = OlderLink().Match(page);
            link = older.Success ? $"/fr/c/{RalliementApp.Slug}/signatories" + WebUtility.HtmlDecode(older.Groups[1].Value) : null;
        }

        Assert.Equal(Enumerable.Range(0, 130).Where(i => i % 2 == 0).Select(i => $"Collectif{i:D3}").Reverse(), seen);
        var first = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/signatories");
        Assert.Contains("Personnes (65)", first, StringComparison.Ordinal);
        Assert.Contains("Organisations (65)", first, StringComparison.Ordinal);
        Assert.Contains("<strong>130</strong> signatures confirmées, dont 65 organisations", first, StringComparison.Ordinal);
    }

    [GeneratedRegex("<strong>(Collectif\\d{3})</strong>")]
    private static partial Regex OrganisationName();

    [GeneratedRegex("<a href=\"(\\?before=[^\"]+)\">")]
    private static partial Regex OlderLink();
}
