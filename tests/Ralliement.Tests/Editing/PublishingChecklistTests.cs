using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

public sealed class PublishingChecklistTests
{
    private static Task WithoutPublicContactAsync(RalliementApp app) =>
        app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.ContactEmail, (string?)null)));

    [Fact]
    public async Task Publishing_without_a_public_contact_is_refused_with_that_reason_and_nothing_changes()
    {
        using var app = new RalliementApp();
        await WithoutPublicContactAsync(app);
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = app.Browser();
        var id = await CreateDraftAsync(editor, "sans-contact");
        await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Le texte.");

        var refused = await ChangeStateAsync(editor, id, "publish");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("La campagne n’est pas publiée", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#check-contact\">Adresse de contact publique&#x202F;: aucune", page, StringComparison.Ordinal);
        // An editor cannot open the settings: the page says who can, rather than link to a 403.
        Assert.Contains("Un ou une propriétaire de l’organisation la donne dans ses réglages.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#check-text-fr\"", page, StringComparison.Ordinal);
        var campaign = await app.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Id == id));
        Assert.Equal(CampaignState.Draft, campaign.State);
        Assert.Null(campaign.PublishedAt);
        Assert.False(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "campaign.publish")));
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/fr/c/sans-contact")).StatusCode);
    }

    [Fact]
    public async Task An_owner_sees_the_checklist_link_to_each_fix_and_publishes_once_everything_needed_is_set()
    {
        using var app = new RalliementApp();
        await WithoutPublicContactAsync(app);
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var id = await CreateDraftAsync(owner, "liste-complete");
        await WriteTextAsync(owner, id, "fr", "Lettre ouverte", "Le texte.");
        // An English row with a title and no body yet: the campaign is in two languages, one unfinished.
        await app.WithDbAsync(db =>
        {
            db.CampaignTexts.Add(new CampaignText { CampaignId = id, Language = "en", Title = "Open letter", Summary = "", BodyMarkdown = "", BodyHtml = "" });
            return db.SaveChangesAsync();
        });
        Assert.Contains($"{Campaign(id)}/state?change=publish", await owner.GetStringAsync(Campaign(id)), StringComparison.Ordinal);

        var checklist = await owner.GetStringAsync($"{Campaign(id)}/state?change=publish");

        Assert.Contains("<h1>Publier «&#x202F;Lettre ouverte&#x202F;»</h1>", checklist, StringComparison.Ordinal);
        Assert.Contains("<li id=\"check-text-fr\" class=\"done\">", checklist, StringComparison.Ordinal);
        Assert.Contains("<li id=\"check-text-en\" class=\"missing\">", checklist, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Campaign(id)}/text/en\"", checklist, StringComparison.Ordinal);
        Assert.Contains("<li id=\"check-contact\" class=\"missing\">", checklist, StringComparison.Ordinal);
        Assert.Contains($"href=\"{EditorSteps.Organiser}/settings#settings-contactemail\"", checklist, StringComparison.Ordinal);
        Assert.Contains("<li id=\"check-goal\" class=\"optional\">", checklist, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"change\" value=\"publish\"", checklist, StringComparison.Ordinal);

        var refused = await ChangeStateAsync(owner, id, "publish");
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("href=\"#check-text-en\">Texte en anglais&#x202F;: il manque le titre ou le texte", page, StringComparison.Ordinal);
        Assert.Contains("href=\"#check-contact\">", page, StringComparison.Ordinal);

        await WriteTextAsync(owner, id, "en", "Open letter", "The text.");
        await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.ContactEmail, "contact@collectif.example.org")));
        var ready = await owner.GetStringAsync($"{Campaign(id)}/state?change=publish");
        Assert.DoesNotContain("class=\"missing\"", ready, StringComparison.Ordinal);
        Assert.Contains("name=\"change\" value=\"publish\"", ready, StringComparison.Ordinal);

        var published = await RalliementApp.PostFormAsync(owner, $"{Campaign(id)}/state", new() { ["change"] = "publish" }, $"{Campaign(id)}/state?change=publish");

        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(CampaignState.Open, await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == id).Select(c => c.State).SingleAsync()));
        Assert.Contains("id=\"sign\"", await app.Browser().GetStringAsync("/en/c/liste-complete"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_closing_date_already_past_stops_publishing()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "deja-close");
        await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Le texte.");
        await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == id)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ClosesAt, app.Clock.GetUtcNow().UtcDateTime.AddDays(-1))));

        var refused = await ChangeStateAsync(editor, id, "publish");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("la date de clôture est déjà passée", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(CampaignState.Draft, await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == id).Select(c => c.State).SingleAsync()));
    }
}
