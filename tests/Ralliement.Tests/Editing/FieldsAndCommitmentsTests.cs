using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

public sealed class FieldsAndCommitmentsTests
{
    private static Dictionary<string, string> NewField(string fr, string en, string rule = "Optional", bool shown = false)
    {
        var fields = new Dictionary<string, string> { ["Fields.New.LabelFr"] = fr, ["Fields.New.LabelEn"] = en, ["Fields.New.Rule"] = rule };
        if (shown)
        {
            fields["Fields.New.ShownPublicly"] = "true";
        }
        return fields;
    }

    private static Dictionary<string, string> NewCommitment(string fr, string en, int? position = null)
    {
        var fields = new Dictionary<string, string> { ["Commitments.New.LabelFr"] = fr, ["Commitments.New.LabelEn"] = en };
        if (position is int p)
        {
            fields["Commitments.New.Position"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return fields;
    }

    /// <summary>A campaign written in French and English, so that labels are required in both.</summary>
    private static async Task<int> BilingualDraftAsync(HttpClient editor, string slug)
    {
        var id = await CreateDraftAsync(editor, slug);
        Assert.Equal(HttpStatusCode.Redirect, (await WriteTextAsync(editor, id, "en", "Open letter", "Text.")).StatusCode);
        return id;
    }

    /// <summary>A confirmed signature of the campaign, written straight into the database.</summary>
    private static async Task<long> SignatureAsync(RalliementApp app, int campaignId) => await app.WithDbAsync(async db =>
    {
        var signature = new Signature { CampaignId = campaignId, State = SignatureState.Confirmed, Language = "fr", EmailKey = RalliementApp.UniqueEmail(), CreatedAt = DateTime.UtcNow };
        db.Signatures.Add(signature);
        await db.SaveChangesAsync();
        return signature.Id;
    });

    [Fact]
    public async Task Custom_fields_are_added_up_to_ten_and_one_with_answers_cannot_be_removed_but_can_stop_being_asked()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await BilingualDraftAsync(editor, "champs");

        Assert.Equal(HttpStatusCode.Redirect, (await PostFieldsAsync(editor, id, NewField("Laboratoire", "Laboratory", "Required", shown: true))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostFieldsAsync(editor, id, NewField("Sans anglais", ""))).StatusCode);
        for (var i = 2; i <= 10; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostFieldsAsync(editor, id, NewField($"Champ {i}", $"Field {i}"))).StatusCode);
        }
        var page = await editor.GetStringAsync($"{Campaign(id)}/fields");
        Assert.DoesNotContain("Fields.New.LabelFr", page, StringComparison.Ordinal);
        var eleventh = await PostFieldsAsync(editor, id, NewField("Onzième", "Eleventh"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, eleventh.StatusCode);
        Assert.Contains("au plus 10 champs", await eleventh.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var fields = await app.WithDbAsync(db => db.CustomFields.Include(f => f.Labels).Where(f => f.CampaignId == id).OrderBy(f => f.Position).ToListAsync());
        var laboratory = fields[0];
        Assert.Equal(FieldRule.Required, laboratory.Rule);
        Assert.True(laboratory.ShownPublicly);
        Assert.Equal("Laboratory", laboratory.Labels.Single(l => l.Language == "en").Text);

        var signature = await SignatureAsync(app, id);
        await app.WithDbAsync(async db =>
        {
            db.SignatureFieldValues.Add(new SignatureFieldValue { SignatureId = signature, CustomFieldId = laboratory.Id, Value = "LIP6" });
            return await db.SaveChangesAsync();
        });
        var form = await FormValuesAsync(editor, $"{Campaign(id)}/fields");
        var removal = await PostFieldsAsync(editor, id, new(form) { ["Fields.Remove"] = laboratory.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, removal.StatusCode);
        Assert.Contains("Choisissez plutôt «&#x202F;Absent&#x202F;»", await removal.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        form["Fields.Rows[0].Rule"] = "Hidden";
        form["Fields.Rows[2].LabelFr"] = "Ville d’exercice";
        form["Fields.Rows[2].LabelEn"] = "Town";
        Assert.Equal(HttpStatusCode.Redirect, (await PostFieldsAsync(editor, id, new(form) { ["Fields.Remove"] = fields[1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);

        var after = await app.WithDbAsync(db => db.CustomFields.Include(f => f.Labels).Where(f => f.CampaignId == id).ToListAsync());
        Assert.Equal(9, after.Count);
        Assert.Equal(FieldRule.Hidden, after.Single(f => f.Id == laboratory.Id).Rule);
        Assert.Equal("Town", after.Single(f => f.Id == fields[2].Id).Labels.Single(l => l.Language == "en").Text);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "field.remove")));
    }

    [Fact]
    public async Task Commitments_are_added_relabelled_and_reordered_and_one_ticked_by_signers_stays()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await BilingualDraftAsync(editor, "engagements");

        await PostCommitmentsAsync(editor, id, NewCommitment("Refuser", "Refuse"));
        await PostCommitmentsAsync(editor, id, NewCommitment("Réduire", "Reduce"));
        var commitments = await app.WithDbAsync(db => db.Commitments.Where(c => c.CampaignId == id).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync());
        Assert.Equal(2, commitments.Count);

        var form = await FormValuesAsync(editor, $"{Campaign(id)}/commitments");
        form["Commitments.Rows[1].LabelFr"] = "Réduire l’usage";
        form["Commitments.Rows[1].LabelEn"] = "Reduce the use";
        form["Commitments.Rows[1].Position"] = "0";
        var edit = await PostCommitmentsAsync(editor, id, form);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
        Assert.Contains(">Réduire l’usage</textarea>", await edit.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        form["Commitments.Rows[1].Position"] = "1";
        form["Commitments.Rows[0].Position"] = "2";
        Assert.Equal(HttpStatusCode.Redirect, (await PostCommitmentsAsync(editor, id, form)).StatusCode);
        var page = await editor.GetStringAsync($"{Campaign(id)}/commitments");
        Assert.True(page.IndexOf("Réduire l’usage", StringComparison.Ordinal) < page.IndexOf(">Refuser</textarea>", StringComparison.Ordinal));

        var signature = await SignatureAsync(app, id);
        await app.WithDbAsync(async db =>
        {
            db.Set<SignatureCommitment>().Add(new SignatureCommitment { SignatureId = signature, CommitmentId = commitments[0] });
            return await db.SaveChangesAsync();
        });
        form = await FormValuesAsync(editor, $"{Campaign(id)}/commitments");
        var ticked = await PostCommitmentsAsync(editor, id, new(form) { ["Commitments.Remove"] = commitments[0].ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ticked.StatusCode);
        Assert.Contains("Des signataires ont coché cet engagement", await ticked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostCommitmentsAsync(editor, id, new(form) { ["Commitments.Remove"] = commitments[1].ToString(System.Globalization.CultureInfo.InvariantCulture) })).StatusCode);

        Assert.Equal([commitments[0]], await app.WithDbAsync(db => db.Commitments.Where(c => c.CampaignId == id).Select(c => c.Id).ToListAsync()));
        var actions = await app.WithDbAsync(db => db.AuditLog.Where(a => a.Action.StartsWith("commitment.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["commitment.add", "commitment.add", "commitment.edit", "commitment.edit", "commitment.remove"], actions);
    }

    [Fact]
    public async Task Settings_keep_goal_next_milestone_dates_field_rules_and_options_and_refuse_bad_values()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "reglages");
        var settings = new Dictionary<string, string>
        {
            ["Settings.Kind"] = "Petition",
            ["Settings.Goal"] = "5000",
            ["Settings.NextGoal"] = "10000",
            ["Settings.OpensAt"] = "2026-12-01T08:00",
            ["Settings.ClosesAt"] = "2027-01-31T23:59",
            ["Settings.Institution"] = "Required",
            ["Settings.ProfessionalStatus"] = "Hidden",
            ["Settings.Discipline"] = "Optional",
            ["Settings.City"] = "Optional",
            ["Settings.Country"] = "Required",
            ["Settings.AcceptsOrganisations"] = "true",
        };

        var saved = await PostSettingsAsync(editor, id, settings);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("Réglages enregistrés.", await editor.GetStringAsync(saved.Headers.Location!.OriginalString), StringComparison.Ordinal);
        var again = await PostSettingsAsync(editor, id, settings);
        var unchanged = await editor.GetStringAsync(again.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Réglages enregistrés.", unchanged, StringComparison.Ordinal);
        Assert.Contains("il n’y avait rien à enregistrer", unchanged, StringComparison.Ordinal);
        var badGoal = await PostSettingsAsync(editor, id, new(settings) { ["Settings.Goal"] = "-3" });
        var backwards = await PostSettingsAsync(editor, id, new(settings) { ["Settings.ClosesAt"] = "2026-11-30T08:00" });
        var lowMilestone = await PostSettingsAsync(editor, id, new(settings) { ["Settings.NextGoal"] = "5000" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, badGoal.StatusCode);
        Assert.Contains("L’objectif doit être un nombre entier positif", await badGoal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("La fermeture doit venir après l’ouverture", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, lowMilestone.StatusCode);
        var refused = await lowMilestone.Content.ReadAsStringAsync();
        Assert.Contains("Le palier suivant doit être plus grand que l’objectif (5&#x202F;000)", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"5000\"", refused, StringComparison.Ordinal);
        var campaign = await app.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Id == id));
        Assert.Equal(CampaignKind.Petition, campaign.Kind);
        Assert.Equal(5000, campaign.Goal);
        Assert.Equal(10000, campaign.NextGoal);
        Assert.Equal(new DateTime(2026, 12, 1, 7, 0, 0, DateTimeKind.Utc), campaign.OpensAt);
        Assert.Equal(FieldRule.Required, campaign.Country);
        Assert.Equal(FieldRule.Hidden, campaign.ProfessionalStatus);
        Assert.True(campaign.AcceptsOrganisations);
        Assert.False(campaign.HoldsSignaturesForReview);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "campaign.settings")));
    }
}
