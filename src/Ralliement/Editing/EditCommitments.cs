using Microsoft.AspNetCore.OutputCaching;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>
/// The commitments signers can tick, in French and English, in the order of their position
/// numbers. One that signers ticked stays: removing it would change what they signed.
/// </summary>
public sealed class EditCommitments(RalliementDb db, Audit audit, IOutputCacheStore publicPages)
{
    public sealed class Form
    {
        public int? Position { get; set; }
        public string? LabelFr { get; set; }
        public string? LabelEn { get; set; }
    }


    public async Task<EditResult> AddAsync(OrganisationContext organisation, int campaignId, Form form, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).Include(c => c.Commitments)
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return EditResult.NotFound;
        }
        var errors = Validate(form);
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }
        var commitment = new Commitment { Position = form.Position ?? campaign.Commitments.Select(c => c.Position).DefaultIfEmpty(0).Max() + 1 };
        SetLabels(commitment, form);
        campaign.Commitments.Add(commitment);
        audit.Record(organisation, "commitment.add", $"campaign:{campaign.Id}", $"position {commitment.Position}");
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return EditResult.Done;
    }

    public async Task<EditResult> SaveAsync(OrganisationContext organisation, int campaignId, int commitmentId, Form form, CancellationToken cancellationToken)
    {
        var commitment = await FindAsync(organisation, campaignId, commitmentId, cancellationToken);
        if (commitment is null)
        {
            return EditResult.NotFound;
        }
        var errors = Validate(form);
        if (errors.Any)
        {
            return EditResult.Refused(errors);
        }
        commitment.Position = form.Position ?? commitment.Position;
        SetLabels(commitment, form);
        audit.Record(organisation, "commitment.edit", $"commitment:{commitment.Id}", $"position {commitment.Position}");
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return EditResult.Done;
    }

    public async Task<EditResult> RemoveAsync(OrganisationContext organisation, int campaignId, int commitmentId, CancellationToken cancellationToken)
    {
        var commitment = await FindAsync(organisation, campaignId, commitmentId, cancellationToken);
        if (commitment is null)
        {
            return EditResult.NotFound;
        }
        if (await db.Set<SignatureCommitment>().AnyAsync(s => s.CommitmentId == commitment.Id, cancellationToken))
        {
            return EditResult.Refused(new FormErrors { { "Commitment", "CommitmentTicked" } });
        }
        db.RemoveRange(commitment.Labels);
        db.Commitments.Remove(commitment);
        audit.Record(organisation, "commitment.remove", $"commitment:{commitment.Id}");
        await db.SaveAndRefreshPublicPagesAsync(publicPages, cancellationToken);
        return EditResult.Done;
    }

    private async Task<Commitment?> FindAsync(OrganisationContext organisation, int campaignId, int commitmentId, CancellationToken cancellationToken) =>
        await db.Commitments.Include(c => c.Labels)
            .Where(c => c.Id == commitmentId && c.CampaignId == campaignId && db.CampaignsOf(organisation).Any(x => x.Id == c.CampaignId))
            .FirstOrDefaultAsync(cancellationToken);

    private static FormErrors Validate(Form form)
    {
        var errors = new FormErrors();
        if (BilingualLabels.Check(form.LabelFr, form.LabelEn, CampaignLimits.CommitmentLabel) is { } labelError)
        {
            errors.Add("Commitment", labelError);
        }
        if (form.Position is < 1 or > 1000)
        {
            errors.Add("Position", "PositionInvalid");
        }
        return errors;
    }

    private static void SetLabels(Commitment commitment, Form form) =>
        BilingualLabels.Write(commitment.Labels, form.LabelFr!, form.LabelEn!,
            label => label.Language, (label, text) => label.Text = text,
            (language, text) => new CommitmentLabel { Language = language, Text = text });
}
