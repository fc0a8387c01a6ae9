using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

public sealed class FieldsAndCommitmentsTests
{
    private static Dictionary<string, string> Field(string fr, string en, string rule = "Optional", bool shown = false)
    {
        var fields = new Dictionary<string, string> { ["Field.LabelFr"] = fr, ["Field.LabelEn"] = en, ["Field.Rule"] = rule };
        if (shown)
        {
            fields["Field.ShownPublicly"] = "true";
        }
        return fields;
    }

    private static Dictionary<string, string> Commitment(string fr, string en, int? position = null)
    {
        var fields = new Dictionary<string, string> { ["Commitment.LabelFr"] = fr, ["Commitment.LabelEn"] = en };
        if (position is int p)
        {
            fields["Commitment.Position"] = p.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        return fields;
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
    public async Task Custom_fields_are_added_up_to_ten_and_one_with_answers_can_be_hidden_not_removed()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "champs");

        Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, "?handler=AddField", Field("Laboratoire", "Laboratory", "Required", shown: true))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await PostSettingsAsync(editor, id, "?handler=AddField", Field("Sans anglais", ""))).StatusCode);
        for (var i = 2; i <= 10; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, "?handler=AddField", Field($"Champ {i}", $"Field {i}"))).StatusCode);
        }
        var eleventh = await PostSettingsAsync(editor, id, "?handler=AddField", Field("Onzième", "Eleventh"));
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
        var removal = await PostSettingsAsync(editor, id, $"?handler=RemoveField&fieldId={laboratory.Id}", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, removal.StatusCode);
        var refusal = await removal.Content.ReadAsStringAsync();
        Assert.Contains("Vous pouvez le masquer à la place", refusal, StringComparison.Ordinal);
        Assert.Contains($"handler=HideField&amp;fieldId={laboratory.Id}", refusal, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, $"?handler=HideField&fieldId={laboratory.Id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, $"?handler=RemoveField&fieldId={fields[1].Id}", [])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, $"?handler=SaveField&fieldId={fields[2].Id}", Field("Ville d’exercice", "Town", "Required"))).StatusCode);

        var after = await app.WithDbAsync(db => db.CustomFields.Include(f => f.Labels).Where(f => f.CampaignId == id).ToListAsync());
        Assert.Equal(9, after.Count);
        Assert.Equal(FieldRule.Hidden, after.Single(f => f.Id == laboratory.Id).Rule);
        Assert.Equal("Town", after.Single(f => f.Id == fields[2].Id).Labels.Single(l => l.Language == "en").Text);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "field.hide")));
    }

    [Fact]
    public async Task Commitments_are_added_relabelled_and_reordered_and_one_ticked_by_signers_stays()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "engagements");

        await PostSettingsAsync(editor, id, "?handler=AddCommitment", Commitment("Refuser", "Refuse"));
        await PostSettingsAsync(editor, id, "?handler=AddCommitment", Commitment("Réduire", "Reduce"));
        var commitments = await app.WithDbAsync(db => db.Commitments.Where(c => c.CampaignId == id).OrderBy(c => c.Position).Select(c => c.Id).ToListAsync());
        Assert.Equal(2, commitments.Count);

        var edit = await PostSettingsAsync(editor, id, $"?handler=SaveCommitment&commitmentId={commitments[1]}", Commitment("Réduire l’usage", "Reduce the use", position: 0));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
        edit = await PostSettingsAsync(editor, id, $"?handler=SaveCommitment&commitmentId={commitments[1]}", Commitment("Réduire l’usage", "Reduce the use", position: 1));
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        await PostSettingsAsync(editor, id, $"?handler=SaveCommitment&commitmentId={commitments[0]}", Commitment("Refuser", "Refuse", position: 2));
        var page = await editor.GetStringAsync($"{Campaign(id)}/edit");
        Assert.True(page.IndexOf("Réduire l’usage", StringComparison.Ordinal) < page.IndexOf("value=\"Refuser\"", StringComparison.Ordinal));

        var signature = await SignatureAsync(app, id);
        await app.WithDbAsync(async db =>
        {
            db.Set<SignatureCommitment>().Add(new SignatureCommitment { SignatureId = signature, CommitmentId = commitments[0] });
            return await db.SaveChangesAsync();
        });
        var ticked = await PostSettingsAsync(editor, id, $"?handler=RemoveCommitment&commitmentId={commitments[0]}", []);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, ticked.StatusCode);
        Assert.Contains("Des signataires ont coché cet engagement", await ticked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, $"?handler=RemoveCommitment&commitmentId={commitments[1]}", [])).StatusCode);

        Assert.Equal([commitments[0]], await app.WithDbAsync(db => db.Commitments.Where(c => c.CampaignId == id).Select(c => c.Id).ToListAsync()));
        var actions = await app.WithDbAsync(db => db.AuditLog.Where(a => a.Action.StartsWith("commitment.")).Select(a => a.Action).ToListAsync());
        Assert.Equal(["commitment.add", "commitment.add", "commitment.edit", "commitment.edit", "commitment.remove"], actions);
    }

    [Fact]
    public async Task Settings_keep_goal_dates_in_UTC_field_rules_and_options_and_refuse_bad_values()
    {
        using var app = new RalliementApp();
        using var editor = await app.SignedInAsync(OrganisationRole.Editor);
        var id = await CreateDraftAsync(editor, "reglages");
        var settings = new Dictionary<string, string>
        {
            ["Settings.Kind"] = "Petition",
            ["Settings.Goal"] = "5000",
            ["Settings.OpensAt"] = "2026-12-01T08:00",
            ["Settings.ClosesAt"] = "2027-01-31T23:59",
            ["Settings.Institution"] = "Required",
            ["Settings.ProfessionalStatus"] = "Hidden",
            ["Settings.Discipline"] = "Optional",
            ["Settings.City"] = "Optional",
            ["Settings.Country"] = "Required",
            ["Settings.AcceptsOrganisations"] = "true",
        };

        Assert.Equal(HttpStatusCode.Redirect, (await PostSettingsAsync(editor, id, "", settings)).StatusCode);
        var badGoal = await PostSettingsAsync(editor, id, "", new(settings) { ["Settings.Goal"] = "-3" });
        var backwards = await PostSettingsAsync(editor, id, "", new(settings) { ["Settings.ClosesAt"] = "2026-11-30T08:00" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, badGoal.StatusCode);
        Assert.Contains("L’objectif doit être un nombre entier positif", await badGoal.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, backwards.StatusCode);
        Assert.Contains("La fermeture doit venir après l’ouverture", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var campaign = await app.WithDbAsync(db => db.Campaigns.SingleAsync(c => c.Id == id));
        Assert.Equal(CampaignKind.Petition, campaign.Kind);
        Assert.Equal(5000, campaign.Goal);
        Assert.Equal(new DateTime(2026, 12, 1, 8, 0, 0, DateTimeKind.Utc), campaign.OpensAt);
        Assert.Equal(FieldRule.Required, campaign.Country);
        Assert.Equal(FieldRule.Hidden, campaign.ProfessionalStatus);
        Assert.True(campaign.AcceptsOrganisations);
        Assert.False(campaign.HoldsSignaturesForReview);
        Assert.True(await app.WithDbAsync(db => db.AuditLog.AnyAsync(a => a.Action == "campaign.settings")));
    }
}
