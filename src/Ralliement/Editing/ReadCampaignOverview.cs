using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>What an organiser sees of one campaign of their organisation; null for another organisation's.</summary>
public sealed class ReadCampaignOverview(RalliementDb db)
{
    public sealed record TextView(string Language, string Title, bool HasBody, int Version, DateTime? AmendedAt);

    public sealed record View(
        int Id, string Slug, CampaignKind Kind, CampaignState State, string DefaultLanguage, int SignatureCount, int Held,
        int? Goal, DateTime CreatedAt, DateTime? OpensAt, DateTime? ClosesAt, DateTime? PublishedAt, DateTime? ClosedAt,
        DateTime? ArchivedAt, IReadOnlyList<TextView> Texts)
    {
        public TextView? Text(string language) => Texts.FirstOrDefault(t => t.Language == language);

        public string Title(string language) => (Text(language) ?? Text(DefaultLanguage) ?? Texts.FirstOrDefault())?.Title ?? Slug;
    }

    public async Task<View?> HandleAsync(OrganisationContext organisation, int campaignId, CancellationToken cancellationToken) =>
        await db.CampaignsOf(organisation).AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Select(c => new View(
                c.Id, c.Slug, c.Kind, c.State, c.DefaultLanguage, c.SignatureCount,
                db.Signatures.Count(s => s.CampaignId == c.Id && s.State == SignatureState.Held),
                c.Goal, c.CreatedAt, c.OpensAt, c.ClosesAt, c.PublishedAt, c.ClosedAt, c.ArchivedAt,
                c.Texts.OrderBy(t => t.Language)
                    .Select(t => new TextView(t.Language, t.Title, t.BodyMarkdown != "", t.Version, t.AmendedAt))
                    .ToList()))
            .FirstOrDefaultAsync(cancellationToken);
}
