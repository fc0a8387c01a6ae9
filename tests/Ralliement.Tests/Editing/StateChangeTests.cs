using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

public sealed class StateChangeTests
{
    [Fact]
    public async Task A_campaign_goes_from_draft_to_archived_and_other_moves_are_refused()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = app.Browser();
        var id = await CreateDraftAsync(editor, "cycle-de-vie");

        var emptyPublish = await ChangeStateAsync(editor, id, "publish");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, emptyPublish.StatusCode);
        Assert.Contains("Texte en français&#x202F;: il manque le titre ou le texte", await emptyPublish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ChangeStateAsync(editor, id, "close")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ChangeStateAsync(editor, id, "delete")).StatusCode);

        await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Le texte.");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "publish")).StatusCode);
        Assert.Contains("id=\"sign\"", await visitor.GetStringAsync("/fr/c/cycle-de-vie"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ChangeStateAsync(editor, id, "publish")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ChangeStateAsync(editor, id, "archive")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "close")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "reopen")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "close")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "archive")).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await ChangeStateAsync(editor, id, "reopen")).StatusCode);

        var archived = await visitor.GetAsync("/fr/c/cycle-de-vie");
        Assert.Equal(HttpStatusCode.OK, archived.StatusCode);
        Assert.DoesNotContain("id=\"sign\"", await archived.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var signing = await app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail()), slug: "cycle-de-vie");
        Assert.NotEqual(HttpStatusCode.SeeOther, signing.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => db.Signatures.CountAsync(s => s.CampaignId == id)));
        var campaign = await app.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Id == id));
        Assert.Equal(CampaignState.Archived, campaign.State);
        Assert.NotNull(campaign.PublishedAt);
        Assert.NotNull(campaign.ArchivedAt);
        var actions = await app.WithDbAsync(db => db.AuditLog.Where(a => a.Target == $"campaign:{id}" && a.Action != "campaign.text").Select(a => a.Action).ToListAsync());
        Assert.Equal(["campaign.create", "campaign.publish", "campaign.close", "campaign.reopen", "campaign.close", "campaign.archive"], actions);
    }

    [Fact]
    public async Task The_overview_gives_the_public_address_in_full_and_links_it_once_published()
    {
        using var app = new RalliementApp();
        app.Settings["PublicBaseUrl"] = "https://signons.example.org";
        var client = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await EditorSteps.CreateDraftAsync(client, "adresse-complete");
        Assert.Equal(HttpStatusCode.Redirect, (await EditorSteps.WriteTextAsync(client, id, "fr", "Lettre ouverte", "Un texte.")).StatusCode);

        var address = "https://signons.example.org/fr/c/adresse-complete";
        var draft = await client.GetStringAsync(EditorSteps.Campaign(id));
        Assert.Contains($"<span>{address}</span>", draft, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"{address}\"", draft, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await EditorSteps.ChangeStateAsync(client, id, "publish")).StatusCode);
        var published = await client.GetStringAsync(EditorSteps.Campaign(id));
        Assert.Contains($"<a href=\"{address}\">{address}</a>", published, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_moderator_sees_the_overview_but_cannot_change_the_state()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);
        var id = await PublishedAsync(editor, "pour-moderateur");

        var overview = await moderator.GetStringAsync(Campaign(id));
        Assert.Contains($"moderation?campaign={id}", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("/state", overview, StringComparison.Ordinal);
        Assert.DoesNotContain("/edit", overview, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync($"{Campaign(id)}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync($"{Campaign(id)}/text/fr")).StatusCode);
        // The role is checked before the antiforgery token: no page of a moderator's carries a form for this.
        using var form = new FormUrlEncodedContent([new("change", "close")]);
        var close = await moderator.PostAsync($"{Campaign(id)}/state", form);
        Assert.Equal(HttpStatusCode.Forbidden, close.StatusCode);
    }
}
