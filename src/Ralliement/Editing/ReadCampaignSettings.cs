using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>A campaign with its custom fields, commitments and logo date, for the settings, commitments, fields and logo pages.</summary>
public sealed class ReadCampaignSettings(RalliementDb db)
{
    public sealed record FieldView(int Id, int Position, FieldRule Rule, bool ShownPublicly, string LabelFr, string LabelEn, bool HasValues);

    public sealed record CommitmentView(int Id, int Position, string LabelFr, string LabelEn);

    /// <param name="Languages">The languages the campaign is written in: its labels are required in these.</param>
    public sealed record View(Campaign Campaign, string Title, IReadOnlyList<FieldView> Fields, IReadOnlyList<CommitmentView> Commitments, DateTime? LogoUpdatedAt, IReadOnlyCollection<string> Languages)
    {
        public FieldView? Field(int id) => Fields.FirstOrDefault(f => f.Id == id);

        public CommitmentView? Commitment(int id) => Commitments.FirstOrDefault(c => c.Id == id);
    }

    public async Task<View?> HandleAsync(OrganisationContext organisation, int campaignId, string language, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).AsNoTracking()
            .Include(c => c.Texts)
            .Include(c => c.CustomFields).ThenInclude(f => f.Labels)
            .Include(c => c.Commitments).ThenInclude(c => c.Labels)
            .AsSplitQuery()
            .FirstOrDefaultAsync(c => c.Id == campaignId, cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        var fieldIds = campaign.CustomFields.Select(f => f.Id).ToList();
        var answered = await db.SignatureFieldValues.Where(v => fieldIds.Contains(v.CustomFieldId))
            .Select(v => v.CustomFieldId).Distinct().ToListAsync(cancellationToken);
        var logo = await db.CampaignLogos.Where(l => l.CampaignId == campaign.Id).Select(l => (DateTime?)l.UpdatedAt).FirstOrDefaultAsync(cancellationToken);
        var title = (campaign.Texts.FirstOrDefault(t => t.Language == language) ?? campaign.Texts.FirstOrDefault(t => t.Language == campaign.DefaultLanguage))?.Title ?? campaign.Slug;
        return new View(
            campaign,
            title,
            campaign.CustomFields.OrderBy(f => f.Position).ThenBy(f => f.Id)
                .Select(f => new FieldView(f.Id, f.Position, f.Rule, f.ShownPublicly, Label(f.Labels.Select(l => (l.Language, l.Text)), "fr"), Label(f.Labels.Select(l => (l.Language, l.Text)), "en"), answered.Contains(f.Id)))
                .ToList(),
            campaign.Commitments.OrderBy(c => c.Position).ThenBy(c => c.Id)
                .Select(c => new CommitmentView(c.Id, c.Position, Label(c.Labels.Select(l => (l.Language, l.Text)), "fr"), Label(c.Labels.Select(l => (l.Language, l.Text)), "en")))
                .ToList(),
            logo,
            BilingualLabels.LanguagesOf(campaign));
    }

    private static string Label(IEnumerable<(string Language, string Text)> labels, string language) =>
        labels.FirstOrDefault(l => l.Language == language).Text ?? "";
}
