using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Campaigns;
using Ralliement.Data;
using Ralliement.Tests.Editing;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Integration;

/// <summary>The display kit's tab in the campaign editor: its words in each language and the live count in badges.</summary>
public sealed class EditKitTests
{
    private static string Kit(int id) => $"{Campaign(id)}/kit";

    private static Task<HttpResponseMessage> PostKitAsync(HttpClient client, int id, Dictionary<string, string> fields) =>
        RalliementApp.PostFormAsync(client, Kit(id), fields);

    /// <summary>A draft written in French and in English.</summary>
    private static async Task<int> BilingualDraftAsync(HttpClient client, string slug)
    {
        var id = await CreateDraftAsync(client, slug, "Lettre ouverte sur l’usage de l’IA générative dans l’enseignement");
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(client, id, "en", "Open letter on generative AI in teaching", "The text.")).StatusCode);
        return id;
    }

    private static async Task<ReadCampaign.View> ReadAsync(RalliementApp app, string slug, string language)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ReadCampaign>().HandleAsync(slug, language, CancellationToken.None, includeDraft: true))!;
    }

    [Fact]
    public async Task Saving_the_kit_sets_each_language_s_words_and_the_live_count_and_the_log_says_so()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var id = await BilingualDraftAsync(owner, "kit-reglages");

        var saved = await PostKitAsync(owner, id, new()
        {
            ["Kit.ShortTitle[fr]"] = "  Lettre sur l’IA  ",
            ["Kit.ShortTitle[en]"] = "Letter on AI",
            ["Kit.Message[fr]"] = "J’ai signé la lettre.\r\nSignez-la aussi.",
            ["Kit.Message[en]"] = "I signed the letter. Sign it too.",
            ["Kit.ShowsLiveCount"] = "true",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"{Kit(id)}?saved=Kit", saved.Headers.Location!.OriginalString);
        var page = await owner.GetStringAsync(saved.Headers.Location!.OriginalString);
        Assert.Contains("<p class=\"notice\" role=\"status\">Kit de ralliement enregistré.</p>", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Lettre sur l’IA\"", page, StringComparison.Ordinal);
        var french = await ReadAsync(app, "kit-reglages", "fr");
        var english = await ReadAsync(app, "kit-reglages", "en");
        Assert.Equal(("Lettre sur l’IA", "J’ai signé la lettre. Signez-la aussi.", true), (french.ShortTitle, french.KitMessage, french.KitShowsLiveCount));
        Assert.Equal(("Letter on AI", "I signed the letter. Sign it too.", true), (english.ShortTitle, english.KitMessage, english.KitShowsLiveCount));
        var log = WebUtility.HtmlDecode(await owner.GetStringAsync("/fr/organiser/collectif-demo/audit"));
        Assert.Contains("a modifié le kit de ralliement de «\u202fLettre ouverte sur l’usage de l’IA générative dans l’enseignement\u202f».", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_short_title_too_long_is_refused_and_everything_typed_is_shown_again()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await BilingualDraftAsync(editor, "kit-trop-long");
        var tooLong = new string('a', 41);

        var refused = await PostKitAsync(editor, id, new()
        {
            ["Kit.ShortTitle[fr]"] = tooLong,
            ["Kit.Message[fr]"] = "Une phrase tapée.",
            ["Kit.Message[en]"] = new string('b', 281),
            ["Kit.ShowsLiveCount"] = "true",
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Le titre court en français fait 41 caractères\u202f: 40 au plus.", page, StringComparison.Ordinal);
        Assert.Contains("La phrase en anglais fait 281 caractères\u202f: 280 au plus.", page, StringComparison.Ordinal);
        // In the summary as on the page: the campaign's main language first.
        Assert.True(page.IndexOf("Le titre court en français", StringComparison.Ordinal) < page.IndexOf("La phrase en anglais", StringComparison.Ordinal));
        Assert.Contains($"value=\"{tooLong}\"", page, StringComparison.Ordinal);
        Assert.Contains(">Une phrase tapée.</textarea>", page, StringComparison.Ordinal);
        Assert.Contains("id=\"kit-live\" name=\"Kit.ShowsLiveCount\" value=\"true\" checked", page, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"status\"", page, StringComparison.Ordinal);
        var texts = await app.WithDbAsync(db => db.CampaignTexts.Where(t => t.CampaignId == id).ToListAsync());
        Assert.All(texts, t => Assert.Null(t.ShortTitle ?? t.KitMessage));
        Assert.False(await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == id).Select(c => c.KitShowsLiveCount).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "campaign.kit")));
    }

    [Fact]
    public async Task A_tab_or_a_line_break_in_the_short_title_is_refused_with_a_clear_message()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "kit-invisible");

        var refused = await PostKitAsync(editor, id, new() { ["Kit.ShortTitle[fr]"] = "Lettre\nouverte", ["Kit.Message[fr]"] = "Une\tphrase" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Le titre court en français contient un caractère invisible (une tabulation, un retour à la ligne…)\u202f: retirez-le.", page, StringComparison.Ordinal);
        Assert.Contains("La phrase en français contient un caractère invisible (une tabulation, par exemple)\u202f: retirez-le.", page, StringComparison.Ordinal);
        Assert.Null(await app.WithDbAsync(db => db.CampaignTexts.Where(t => t.CampaignId == id).Select(t => t.ShortTitle).SingleAsync()));
    }

    [Fact]
    public async Task Emptying_the_inputs_clears_the_words_so_the_kit_says_its_own_and_shows_them_as_placeholders()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await BilingualDraftAsync(editor, "kit-vide");
        await PostKitAsync(editor, id, new() { ["Kit.ShortTitle[fr]"] = "Lettre", ["Kit.Message[en]"] = "Signed.", ["Kit.ShowsLiveCount"] = "true" });

        var cleared = await PostKitAsync(editor, id, new() { ["Kit.ShortTitle[fr]"] = "   ", ["Kit.Message[en]"] = "" });

        Assert.Equal(HttpStatusCode.Redirect, cleared.StatusCode);
        var texts = await app.WithDbAsync(db => db.CampaignTexts.Where(t => t.CampaignId == id).ToListAsync());
        Assert.All(texts, t => Assert.Null(t.ShortTitle ?? t.KitMessage));
        Assert.False((await ReadAsync(app, "kit-vide", "fr")).KitShowsLiveCount);
        var page = WebUtility.HtmlDecode(await editor.GetStringAsync(Kit(id)));
        Assert.Contains("placeholder=\"Lettre ouverte sur l’usage de l’IA…\"", page, StringComparison.Ordinal);
        Assert.Contains("placeholder=\"I signed “Open letter on generative AI in teaching”. Sign it too:\"", page, StringComparison.Ordinal);
        Assert.Contains(">Kit de ralliement</a>", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_s_kit_tab_says_its_public_page_comes_with_publication_and_once_published_it_links_there_and_to_the_card()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "kit-public");

        var draft = await editor.GetStringAsync(Kit(id));

        Assert.Contains("la page publique du kit existera dès que la campagne sera publiée", draft, StringComparison.Ordinal);
        Assert.Contains($"<img src=\"{Kit(id)}/badge.svg?v=", draft, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"/fr/c/kit-public/kit", draft, StringComparison.Ordinal);
        await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Le texte.");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "publish")).StatusCode);

        var published = await editor.GetStringAsync(Kit(id));
        Assert.Contains("<a href=\"/fr/c/kit-public/kit\">Page publique du kit</a>", published, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/fr/c/kit-public/kit/card\">", published, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/fr/c/kit-public/kit\">Page publique du kit</a>", await editor.GetStringAsync(Campaign(id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organiser_of_another_organisation_finds_nothing_and_changes_nothing()
    {
        using var app = new RalliementApp();
        var demo = await app.DemoCampaignIdAsync();
        using var other = await app.SignedInAsync(OrganisationRole.Owner, await app.OrganisationAsync("autre-collectif"));
        var foreign = $"/fr/organiser/autre-collectif/campaigns/{demo}/kit";

        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(foreign)).StatusCode);
        var post = await RalliementApp.PostFormAsync(other, foreign, new() { ["Kit.ShortTitle[fr]"] = "Piraté", ["Kit.ShowsLiveCount"] = "true" }, "/fr/organiser/autre-collectif");

        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Null(await app.WithDbAsync(db => db.CampaignTexts.Where(t => t.CampaignId == demo && t.Language == "fr").Select(t => t.ShortTitle).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == demo).Select(c => c.KitShowsLiveCount).SingleAsync()));
    }

    [Fact]
    public async Task A_moderator_who_does_not_edit_campaigns_is_refused_the_kit_tab()
    {
        using var app = new RalliementApp();
        var demo = await app.DemoCampaignIdAsync();
        using var moderator = await app.SignedInAsync(OrganisationRole.Moderator);

        Assert.Equal(HttpStatusCode.Forbidden, (await moderator.GetAsync(Kit(demo))).StatusCode);
        var post = await RalliementApp.PostFormAsync(moderator, Kit(demo), new() { ["Kit.ShowsLiveCount"] = "true" }, EditorSteps.Organiser);

        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == demo).Select(c => c.KitShowsLiveCount).SingleAsync()));
    }
}
