using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

public sealed class CampaignWritingTests
{
    [Fact]
    public async Task An_editor_creates_writes_in_two_languages_publishes_and_the_public_page_shows_each()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = app.Browser();

        var id = await CreateDraftAsync(editor, "lettre-aux-universites", "Lettre aux universités");
        var overview = await editor.GetStringAsync(Campaign(id));
        Assert.Contains("Lettre aux universités", overview, StringComparison.Ordinal);
        Assert.Contains("Ajouter la traduction anglaise", overview, StringComparison.Ordinal);
        Assert.Contains("Add the English translation", await editor.GetStringAsync(Campaign(id).Replace("/fr/", "/en/", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/fr/c/lettre-aux-universites")).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "fr", "Lettre aux universités", "Nous demandons **du temps**.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "en", "Letter to universities", "We ask for **time**.", "In short.")).StatusCode);
        Assert.Contains("Modifier le texte anglais", await editor.GetStringAsync(Campaign(id)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "publish")).StatusCode);

        var french = await visitor.GetStringAsync("/fr/c/lettre-aux-universites");
        var english = await visitor.GetStringAsync("/en/c/lettre-aux-universites");
        Assert.Contains("Nous demandons <strong>du temps</strong>.", french, StringComparison.Ordinal);
        Assert.Contains("We ask for <strong>time</strong>.", english, StringComparison.Ordinal);
        Assert.Contains("Letter to universities", english, StringComparison.Ordinal);
        var actions = await app.WithDbAsync(db => db.AuditLog.Where(a => a.Target == $"campaign:{id}").Select(a => a.Action).ToListAsync());
        Assert.Equal(["campaign.create", "campaign.text", "campaign.text", "campaign.publish"], actions);
    }

    [BothDatabases]
    [Fact]
    public async Task A_taken_or_malformed_slug_is_refused_with_a_message()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);

        var taken = await CreateAsync(editor, RalliementApp.Slug);
        var malformed = await CreateAsync(editor, "Lettre Ouverte!");
        var untitled = await CreateAsync(editor, "sans-titre", title: " ");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, taken.StatusCode);
        Assert.Contains("Cette adresse est déjà prise", await taken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, malformed.StatusCode);
        Assert.Contains("lettres minuscules sans accent", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, untitled.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.Campaigns.CountAsync()));
    }

    [Fact]
    public async Task Preview_shows_the_sanitised_text_without_saving_it()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "apercu");

        var preview = await WriteTextAsync(editor, id, "fr", "Aperçu", "Un *essai* <script>alert(1)</script>", preview: true);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var page = await preview.Content.ReadAsStringAsync();
        Assert.Contains("Un <em>essai</em>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", page, StringComparison.Ordinal);
        Assert.Equal("", await app.WithDbAsync(db => db.CampaignTexts.Where(t => t.CampaignId == id).Select(t => t.BodyMarkdown).SingleAsync()));
    }
}
