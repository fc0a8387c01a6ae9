using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

public sealed class AmendmentTests
{
    [Fact]
    public async Task A_published_text_changes_only_with_a_note_and_the_previous_version_stays_readable()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = app.Browser();
        var id = await PublishedAsync(editor, "texte-amende");

        var withoutNote = await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Second texte.");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, withoutNote.StatusCode);
        Assert.Contains("écrivez une note d’amendement", await withoutNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Premier texte", await visitor.GetStringAsync("/fr/c/texte-amende"), StringComparison.Ordinal);

        // Within the sign-in cookie's eight hours.
        app.Clock.Advance(TimeSpan.FromHours(5));
        var withNote = await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Second texte.", note: "Coquille corrigée");
        Assert.Equal(HttpStatusCode.Redirect, withNote.StatusCode);

        var page = await visitor.GetStringAsync("/fr/c/texte-amende");
        Assert.Contains("Second texte.", page, StringComparison.Ordinal);
        Assert.Contains("Texte amendé le 22 novembre 2026&#x202F;: Coquille corrigée", page, StringComparison.Ordinal);
        Assert.Contains("/fr/c/texte-amende/versions", page, StringComparison.Ordinal);
        var versions = await visitor.GetStringAsync("/fr/c/texte-amende/versions");
        Assert.Contains("du 22 novembre 2026 10:00 (Paris) au 22 novembre 2026 15:00 (Paris)", versions, StringComparison.Ordinal);
        Assert.Contains("depuis le 22 novembre 2026 15:00 (Paris)", versions, StringComparison.Ordinal);
        var first = await visitor.GetStringAsync("/fr/c/texte-amende/versions/1");
        Assert.Contains("Premier texte, <strong>première</strong> version.", first, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/fr/c/texte-amende/versions/7")).StatusCode);

        var text = await app.WithDbAsync(db => db.CampaignTexts.SingleAsync(t => t.CampaignId == id));
        Assert.Equal(2, text.Version);
        Assert.Equal("Coquille corrigée", text.AmendmentNote);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "campaign.amend" && a.Target == $"campaign:{id}")));
    }

    [Fact]
    public async Task A_draft_changes_freely_and_an_unchanged_published_text_needs_no_note()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "brouillon-libre");

        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Un.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Deux.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "publish")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Deux.\r\n")).StatusCode);

        Assert.Equal(0, await app.WithDbAsync(db => db.CampaignTextVersions.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.CampaignTexts.Where(t => t.CampaignId == id).Select(t => t.Version).SingleAsync()));
    }
}
