using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

public sealed class SettingsTests
{
    private const string Settings = "/en/organiser/collectif-demo/settings";

    private static Dictionary<string, string> Form(string name = "Collectif des chercheuses", string retention = "24") => new()
    {
        ["Form.Name"] = name,
        ["Form.ContactEmail"] = "contact@chercheuses.example.org",
        ["Form.PostalAddress"] = "12 rue des Lilas\r\n75020 Paris",
        ["Form.DataController"] = "Association Collectif des chercheuses, représentée par sa présidente",
        ["Form.LegalNotice"] = "Directrice de la publication : Inès Martin\r\nHébergeur : Exemple SAS, 1 quai du Port, Marseille",
        ["Form.RetentionMonths"] = retention,
    };

    [Fact]
    public async Task Saved_settings_show_on_the_campaigns_privacy_and_legal_pages_at_once()
    {
        using var app = new RalliementApp();
        // Cached for a minute: the pages must show the new details anyway, because saving drops them.
        app.Settings["Caching:PublicPages"] = "00:01:00";
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        using var visitor = app.Browser();
        Assert.DoesNotContain("Inès Martin", await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}/legal"), StringComparison.Ordinal);
        Assert.DoesNotContain("présidente", await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}/privacy"), StringComparison.Ordinal);

        var saved = await RalliementApp.PostFormAsync(owner, Settings, Form());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("The settings have been saved.", await owner.GetStringAsync(Settings + "?saved=true"), StringComparison.Ordinal);
        var privacy = await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}/privacy");
        Assert.Contains("Responsable du traitement&#x202F;: Association Collectif des chercheuses, représentée par sa présidente", privacy, StringComparison.Ordinal);
        Assert.Contains("au plus tard 24 mois", privacy, StringComparison.Ordinal);
        var legal = await visitor.GetStringAsync($"/en/c/{RalliementApp.Slug}/legal");
        Assert.Contains("<h1>Legal notice</h1>", legal, StringComparison.Ordinal);
        Assert.Contains("Collectif des chercheuses", legal, StringComparison.Ordinal);
        Assert.Contains("mailto:contact@chercheuses.example.org", legal, StringComparison.Ordinal);
        // Razor writes the line breaks as &#xA;, which the page shows as line breaks (white-space: pre-line).
        Assert.Contains("<p class=\"plain\">Directrice de la publication : Inès Martin&#xA;Hébergeur : Exemple SAS, 1 quai du Port, Marseille</p>", legal, StringComparison.Ordinal);
        Assert.Contains("12 rue des Lilas&#xA;75020 Paris", legal, StringComparison.Ordinal);
        Assert.Contains($"/fr/c/{RalliementApp.Slug}/legal", await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}"), StringComparison.Ordinal);
        Assert.Equal(["organisation.settings"], await app.WithDbAsync(db => db.AuditLog.Where(a => a.Action.StartsWith("organisation.")).Select(a => a.Action).ToListAsync()));
    }

    [Fact]
    public async Task Wrong_settings_are_refused_field_by_field_and_nothing_changes()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var form = Form(name: " ", retention: "121");
        form["Form.ContactEmail"] = "pas une adresse";
        form["Form.LegalNotice"] = new string('x', 4001);

        var refused = await RalliementApp.PostFormAsync(owner, Settings, form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"settings-name-error\">Give the organisation’s name", page, StringComparison.Ordinal);
        Assert.Contains("id=\"settings-contactemail-error\">Give a valid email address.", page, StringComparison.Ordinal);
        Assert.Contains("id=\"settings-retentionmonths-error\">Give a number of months between 1 and 120.", page, StringComparison.Ordinal);
        Assert.Contains("id=\"settings-legalnotice-error\">At most 4000 characters.", page, StringComparison.Ordinal);
        Assert.Equal(12, await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.RetentionMonths).SingleAsync()));
    }

    [Fact]
    public async Task The_public_contact_may_be_left_empty_and_the_notices_then_show_no_address()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        using var visitor = app.Browser();
        var form = Form();
        form["Form.ContactEmail"] = "";

        var saved = await RalliementApp.PostFormAsync(owner, Settings, form);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.ContactEmail).SingleAsync()));
        var page = await owner.GetStringAsync(Settings);
        Assert.Contains("Shown on the privacy and legal notices and in emails to signers", page, StringComparison.Ordinal);
        // Empty and not required.
        Assert.Contains("id=\"settings-contactemail\" name=\"Form.ContactEmail\" maxlength=\"254\" aria-describedby", page, StringComparison.Ordinal);
        foreach (var notice in new[] { $"/fr/c/{RalliementApp.Slug}/privacy", $"/fr/c/{RalliementApp.Slug}/legal", "/fr/o/collectif-demo/privacy", "/en/o/collectif-demo/legal" })
        {
            var text = await visitor.GetStringAsync(notice);
            Assert.DoesNotContain("mailto:", text, StringComparison.Ordinal);
            Assert.DoesNotContain("écrivez à .", text, StringComparison.Ordinal);
        }
        Assert.Contains("Collectif des chercheuses décide de l’usage de ces données et en répond. · ", await visitor.GetStringAsync("/fr/o/collectif-demo/privacy"), StringComparison.Ordinal);

        var signer = RalliementApp.UniqueEmail();
        Assert.Equal(HttpStatusCode.SeeOther, (await app.SignAsync(RalliementApp.Form(signer))).StatusCode);
        var email = (await app.EmailToAsync(signer)).TextBody;
        Assert.Contains("Collectif des chercheuses", email, StringComparison.Ordinal);
        Assert.DoesNotContain("Données personnelles", email, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_accent_colour_too_light_for_white_text_is_refused_and_what_was_typed_stays()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var form = Form(name: "Nouveau nom");
        form["Form.AccentChoice"] = "own";
        form["Form.AccentColour"] = "#FFCC00";
        form["Form.TimeZone"] = "America/Toronto";

        var refused = await RalliementApp.PostFormAsync(owner, Settings, form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("id=\"settings-accentcolour-error\">This colour is too light: white text on it has a contrast of only 1.5:1", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Nouveau nom\"", page, StringComparison.Ordinal);
        Assert.Contains("name=\"Form.AccentColour\" value=\"#FFCC00\"", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"America/Toronto\" selected=\"selected\">", page, StringComparison.Ordinal);
        var organisation = await app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Slug == RalliementApp.DemoOrganisation));
        Assert.Null(organisation.AccentColour);
        Assert.Equal("Europe/Paris", organisation.TimeZone);

        form["Form.AccentColour"] = "#1D4ED8";
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(owner, Settings, form)).StatusCode);
        organisation = await app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Slug == RalliementApp.DemoOrganisation));
        Assert.Equal("#1d4ed8", organisation.AccentColour);
        Assert.Equal("America/Toronto", organisation.TimeZone);

        form["Form.AccentChoice"] = "default";
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(owner, Settings, form)).StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.AccentColour).SingleAsync()));
    }

    [Fact]
    public async Task A_time_zone_not_in_the_list_is_refused()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var form = Form();
        form["Form.TimeZone"] = "Europe/Atlantis";

        var refused = await RalliementApp.PostFormAsync(owner, Settings, form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("id=\"settings-timezone-error\">Choose a time zone from the list.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("Europe/Paris", await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.TimeZone).SingleAsync()));
    }
}
