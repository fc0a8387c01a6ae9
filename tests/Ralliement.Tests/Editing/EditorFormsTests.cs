using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

/// <summary>Each settings page is one form: whichever button is pressed, what was typed in it is saved, or shown again when refused.</summary>
public sealed class EditorFormsTests
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Removing_a_commitment_saves_the_label_being_typed_and_the_new_commitment_too()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "un-formulaire");
        await PostCommitmentsAsync(editor, id, new() { ["Commitments.New.LabelFr"] = "Refuser" });
        await PostCommitmentsAsync(editor, id, new() { ["Commitments.New.LabelFr"] = "Réduire" });
        var ids = await app.WithDbAsync(db => db.Commitments.Where(c => c.CampaignId == id).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync());

        var form = await FormValuesAsync(editor, $"{Campaign(id)}/commitments");
        form["Commitments.Rows[0].LabelFr"] = "Refuser l’usage";
        form["Commitments.New.LabelFr"] = "Rediriger";
        var removal = await PostCommitmentsAsync(editor, id, new(form) { ["Commitments.Remove"] = Id(ids[1]) });

        Assert.Equal(HttpStatusCode.Redirect, removal.StatusCode);
        var labels = await app.WithDbAsync(db => db.Set<CommitmentLabel>().Where(l => db.Commitments.Any(c => c.Id == l.CommitmentId && c.CampaignId == id)).Select(l => l.Text).ToListAsync());
        Assert.Equal(["Rediriger", "Refuser l’usage"], labels.Order(StringComparer.Ordinal));
        var page = await editor.GetStringAsync(removal.Headers.Location!.OriginalString);
        Assert.Contains("Modifications des engagements enregistrées. Engagement ajouté. Engagement retiré.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_removal_saves_nothing_and_shows_back_everything_typed()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "rien-perdu");
        await PostFieldsAsync(editor, id, new() { ["Fields.New.LabelFr"] = "Laboratoire", ["Fields.New.Rule"] = "Optional" });
        var field = await app.WithDbAsync(db => db.CustomFields.Where(f => f.CampaignId == id).Select(f => f.Id).SingleAsync());
        await app.WithDbAsync(async db =>
        {
            var signature = new Signature { CampaignId = id, State = SignatureState.Confirmed, Language = "fr", EmailKey = RalliementApp.UniqueEmail(), CreatedAt = DateTime.UtcNow };
            db.Signatures.Add(signature);
            await db.SaveChangesAsync();
            db.SignatureFieldValues.Add(new SignatureFieldValue { SignatureId = signature.Id, CustomFieldId = field, Value = "LIP6" });
            return await db.SaveChangesAsync();
        });

        var form = await FormValuesAsync(editor, $"{Campaign(id)}/fields");
        form["Fields.Rows[0].LabelFr"] = "Laboratoire ou équipe";
        form["Fields.New.LabelFr"] = "Ville";
        var refused = await PostFieldsAsync(editor, id, new(form) { ["Fields.Remove"] = Id(field) });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("value=\"Laboratoire ou équipe\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Ville\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("role=\"status\"", page, StringComparison.Ordinal);
        Assert.Equal(["Laboratoire"], await app.WithDbAsync(db => db.Set<CustomFieldLabel>().Where(l => l.CustomFieldId == field).Select(l => l.Text).ToListAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.CustomFields.CountAsync(f => f.CampaignId == id)));
    }

    [Fact]
    public async Task A_closing_time_typed_as_23_30_in_Paris_in_winter_is_kept_as_22_30_UTC_and_shown_back_as_23_30()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "heure-de-paris");
        var form = await FormValuesAsync(editor, $"{Campaign(id)}/edit");
        form["Settings.ClosesAt"] = "2027-01-31T23:30";

        Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, form)).StatusCode);

        Assert.Equal(new DateTime(2027, 1, 31, 22, 30, 0, DateTimeKind.Utc), await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == id).Select(c => c.ClosesAt).SingleAsync()));
        var settings = await editor.GetStringAsync($"{Campaign(id)}/edit");
        Assert.Contains("value=\"2027-01-31T23:30\"", settings, StringComparison.Ordinal);
        Assert.Contains("Fermeture (heure de Paris, facultative)", settings, StringComparison.Ordinal);
        Assert.Contains("Europe/Paris", settings, StringComparison.Ordinal);
        Assert.Contains("31 janv. 2027 23:30", await editor.GetStringAsync(Campaign(id)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Times_follow_the_organisation_s_zone_and_a_time_skipped_in_spring_counts_as_the_hour_after()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "autre-fuseau");
        var form = await FormValuesAsync(editor, $"{Campaign(id)}/edit");
        form["Settings.OpensAt"] = "2027-03-28T02:30";
        Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, form)).StatusCode);
        Assert.Equal(new DateTime(2027, 3, 28, 1, 30, 0, DateTimeKind.Utc), await app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == id).Select(c => c.OpensAt).SingleAsync()));
        Assert.Contains("value=\"2027-03-28T03:30\"", await editor.GetStringAsync($"{Campaign(id)}/edit"), StringComparison.Ordinal);

        await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.TimeZone, "America/New_York")));

        var settings = await editor.GetStringAsync($"{Campaign(id)}/edit");
        Assert.Contains("value=\"2027-03-27T21:30\"", settings, StringComparison.Ordinal);
        Assert.Contains("Ouverture (heure de New York, facultative)", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_campaign_in_French_only_needs_no_English_labels_until_it_has_an_English_text()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = app.Browser();
        var id = await CreateDraftAsync(editor, "en-francais");
        Assert.Equal(HttpStatusCode.Redirect, (await PostCommitmentsAsync(editor, id, new() { ["Commitments.New.LabelFr"] = "Refuser" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostFieldsAsync(editor, id, new() { ["Fields.New.LabelFr"] = "Laboratoire", ["Fields.New.Rule"] = "Optional" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostCommitmentsAsync(editor, id, new() { ["Commitments.New.LabelEn"] = "Reduce" })).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Le texte.")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, id, "publish")).StatusCode);
        Assert.Contains("Refuser", await visitor.GetStringAsync("/fr/c/en-francais"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "en", "Open letter", "The text.")).StatusCode);

        var overview = await editor.GetStringAsync(Campaign(id));
        Assert.Contains("Intitulés à écrire en anglais, langue de la campagne&#x202F;: Engagement n° 1, Champ n° 1.", overview, StringComparison.Ordinal);
        var refused = await PostCommitmentsAsync(editor, id, await FormValuesAsync(editor, $"{Campaign(id)}/commitments"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Écrivez l’intitulé en anglais", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_text_amended_in_French_only_is_flagged_to_editors_and_English_readers_until_English_follows()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        using var visitor = app.Browser();
        var id = await CreateDraftAsync(editor, "deux-langues");
        await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Premier texte.");
        await WriteTextAsync(editor, id, "en", "Open letter", "First text.");
        await ChangeStateAsync(editor, id, "publish");
        Assert.DoesNotContain("plus ancien", await editor.GetStringAsync(Campaign(id)), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Second texte.", note: "Précision")).StatusCode);

        const string warning = "Le texte anglais est plus ancien que le texte français&#x202F;: le français a été modifié le 22 nov. 2026 11:00 (version 2), l’anglais en est à la version 1.";
        Assert.Contains(warning, await editor.GetStringAsync(Campaign(id)), StringComparison.Ordinal);
        Assert.Contains(warning, await editor.GetStringAsync($"{Campaign(id)}/text/en"), StringComparison.Ordinal);
        var english = await visitor.GetStringAsync("/en/c/deux-langues");
        Assert.Contains("A newer version of this text exists in French, amended on 22 November 2026.", english, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/fr/c/deux-langues\" hreflang=\"fr\">Read the French version</a>", english, StringComparison.Ordinal);
        Assert.DoesNotContain("newer version", await visitor.GetStringAsync("/fr/c/deux-langues"), StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "en", "Open letter", "Second text.", note: "Clarification")).StatusCode);
        Assert.DoesNotContain("plus ancien", await editor.GetStringAsync(Campaign(id)), StringComparison.Ordinal);
        Assert.DoesNotContain("newer version", await visitor.GetStringAsync("/en/c/deux-langues"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_translation_written_after_the_other_text_was_amended_is_not_called_older()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await PublishedAsync(editor, "traduite-apres");
        app.Clock.Advance(TimeSpan.FromHours(1));
        await WriteTextAsync(editor, id, "fr", "Lettre ouverte", "Second texte.", note: "Précision");
        app.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "en", "Open letter", "Second text.")).StatusCode);

        Assert.DoesNotContain("plus ancien", await editor.GetStringAsync(Campaign(id)), StringComparison.Ordinal);
    }
}
