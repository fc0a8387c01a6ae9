using Ralliement.Organisers;

namespace Ralliement.Importing;

/// <summary>The campaign an import goes into, found only among the organisation's own campaigns.</summary>
public sealed record ImportCampaign(int Id, string Slug, string Title, ReadSignatureCsv.Rules Rules)
{
    public static async Task<ImportCampaign?> FindAsync(RalliementDb db, OrganisationContext organisation, int id, string language, CancellationToken cancellationToken) =>
        await db.CampaignsOf(organisation).AsNoTracking()
            .Where(c => c.Id == id)
            .Select(c => new ImportCampaign(
                c.Id,
                c.Slug,
                c.Texts.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault()
                    ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug,
                new ReadSignatureCsv.Rules(c.Institution, c.ProfessionalStatus, c.Discipline, c.City, c.Country, c.DefaultLanguage,
                    c.CustomFields.OrderBy(f => f.Position)
                        .Select(f => new ImportField(f.Id, f.Rule, f.Labels.OrderBy(l => l.Language).Select(l => l.Text).ToList())).ToList())))
            .FirstOrDefaultAsync(cancellationToken);
}
