using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// The commitments signers can tick, labelled in the campaign's languages, in the order of their
/// position numbers. The page is one form: every button saves all that was typed in it, the new
/// commitment included, then does its own part (removing one); a refusal saves nothing and shows it
/// all again as typed. One that signers ticked stays: removing it would change what they signed.
/// </summary>
public sealed class EditCommitments(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    public sealed class Row
    {
        public int Id { get; set; }
        public int? Position { get; set; }
        public string? LabelFr { get; set; }
        public string? LabelEn { get; set; }

        public bool IsBlank => Position is null && string.IsNullOrWhiteSpace(LabelFr) && string.IsNullOrWhiteSpace(LabelEn);
    }

    public sealed class Form
    {
        public List<Row> Rows { get; set; } = [];
        /// <summary>The commitment to add; left empty, nothing is added.</summary>
        public Row New { get; set; } = new();
        /// <summary>The commitment whose remove button was pressed.</summary>
        public int? Remove { get; set; }
    }

    /// <summary>The field an error about a commitment is shown by: its inputs' id prefix.</summary>
    public static string FieldOf(int? commitmentId) => commitmentId is int id ? $"commitment-{id}" : "new-commitment";

    public async Task<EditResult> HandleAsync(OrganisationContext organisation, int campaignId, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation)
            .Include(c => c.Texts)
            .Include(c => c.Commitments).ThenInclude(c => c.Labels)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return EditResult.NotFound;
        }
        var languages = BilingualLabels.LanguagesOf(campaign);
        var errors = new FormErrors();
        // A row whose commitment another editor removed meanwhile is gone: nothing to save in it.
        var rows = form.Rows
            .Select(row => (Row: row, Commitment: campaign.Commitments.FirstOrDefault(c => c.Id == row.Id)))
            .Where(r => r.Commitment is not null)
            .ToList();
        foreach (var (row, commitment) in rows)
        {
            Validate(row, FieldOf(commitment!.Id), languages, errors);
        }
        var adding = !form.New.IsBlank;
        if (adding)
        {
            Validate(form.New, FieldOf(null), languages, errors);
        }
        var removed = form.Remove is int removeId ? campaign.Commitments.FirstOrDefault(c => c.Id == removeId) : null;
        if (removed is not null && await db.Set<SignatureCommitment>().AnyAsync(s => s.CommitmentId == removed.Id, cancellationToken))
        {
            errors.Add(FieldOf(removed.Id), "CommitmentTicked");
        }
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }

        var saved = new List<string>();
        foreach (var (row, commitment) in rows.Where(r => r.Commitment != removed))
        {
            var before = Describe(commitment!);
            commitment!.Position = row.Position ?? commitment.Position;
            SetLabels(commitment, row);
            if (Describe(commitment) != before)
            {
                audit.Record(organisation, "commitment.edit", $"commitment:{commitment.Id}", $"position {commitment.Position}");
                saved.Add("CommitmentsChanged");
            }
        }
        if (adding)
        {
            var commitment = new Commitment { Position = form.New.Position ?? campaign.Commitments.Select(c => c.Position).DefaultIfEmpty(0).Max() + 1 };
            SetLabels(commitment, form.New);
            campaign.Commitments.Add(commitment);
            audit.Record(organisation, "commitment.add", $"campaign:{campaign.Id}", $"position {commitment.Position}");
            saved.Add("CommitmentAdded");
        }
        if (removed is not null)
        {
            db.RemoveRange(removed.Labels);
            db.Commitments.Remove(removed);
            audit.Record(organisation, "commitment.remove", $"commitment:{removed.Id}");
            saved.Add("CommitmentRemoved");
        }
        if (saved.Count > 0)
        {
            await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        }
        return EditResult.Did([.. saved.Distinct()]);
    }

    private static string Describe(Commitment commitment) =>
        $"{commitment.Position}|{string.Join("|", commitment.Labels.OrderBy(l => l.Language).Select(l => l.Language + ":" + l.Text))}";

    private static void Validate(Row row, string field, IReadOnlyCollection<string> languages, FormErrors errors)
    {
        if (BilingualLabels.Check(languages, row.LabelFr, row.LabelEn, CampaignLimits.CommitmentLabel) is { } labelError)
        {
            errors.Add(field, labelError);
        }
        else if (row.Position is < 1 or > 1000)
        {
            errors.Add(field, "PositionInvalid");
        }
    }

    private static void SetLabels(Commitment commitment, Row row) =>
        BilingualLabels.Write(commitment.Labels, row.LabelFr, row.LabelEn,
            label => label.Language, (label, text) => label.Text = text,
            (language, text) => new CommitmentLabel { Language = language, Text = text });
}
