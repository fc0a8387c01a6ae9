using Ralliement.Organisers;

namespace Ralliement.Export;

/// <summary>What the export page offers for one of the organisation's campaigns: its title and how many rows each file holds.</summary>
public sealed class ReadExportChoices(RalliementDb db, ExportSignatures export)
{
    public sealed record Choices(string Title, int Signatures, int Contacts);

    /// <summary>The choices, or null when the campaign is not one of the organisation's.</summary>
    public async Task<Choices?> HandleAsync(OrganisationContext organisation, int id, string language, CancellationToken cancellationToken)
    {
        var campaign = await db.CampaignsOf(organisation).AsNoTracking().Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                Title = c.Texts.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault()
                    ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        return new Choices(
            campaign.Title,
            await export.CountAsync(campaign.Id, ExportSet.Signatures, cancellationToken),
            await export.CountAsync(campaign.Id, ExportSet.Contacts, cancellationToken));
    }
}
