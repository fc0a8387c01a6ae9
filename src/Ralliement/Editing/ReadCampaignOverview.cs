using Ralliement.Mail;
using Ralliement.Organisers;

namespace Ralliement.Editing;

/// <summary>What an organiser sees of one campaign of their organisation; null for another organisation's.</summary>
public sealed class ReadCampaignOverview(RalliementDb db, TimeProvider clock)
{
    public sealed record TextView(string Language, string Title, bool HasBody, int Version, DateTime? AmendedAt);

    public sealed record View
    {
        public required int Id { get; init; }
        public required string Slug { get; init; }
        public required CampaignKind Kind { get; init; }
        public required CampaignState State { get; init; }
        public required string DefaultLanguage { get; init; }
        public required IReadOnlyList<TextView> Texts { get; init; }
        public required int SignatureCount { get; init; }
        /// <summary>Confirmed signatures waiting for a moderator.</summary>
        public required int Held { get; init; }
        public int? Goal { get; init; }
        public int? NextGoal { get; init; }
        /// <summary>Labels of commitments and asked fields still to write in a language of the campaign.</summary>
        public IReadOnlyList<BilingualLabels.Missing> MissingLabels { get; init; } = [];
        public required DateTime CreatedAt { get; init; }
        public DateTime? OpensAt { get; init; }
        public DateTime? ClosesAt { get; init; }
        public DateTime? PublishedAt { get; init; }
        public DateTime? ClosedAt { get; init; }
        public DateTime? ArchivedAt { get; init; }

        public TextView? Text(string language) => Texts.FirstOrDefault(t => t.Language == language);

        public string Title(string language) => (Text(language) ?? Text(DefaultLanguage) ?? Texts.FirstOrDefault())?.Title ?? Slug;
    }

    public async Task<View?> HandleAsync(OrganisationContext organisation, int campaignId, CancellationToken cancellationToken)
    {
        var view = await ReadAsync(organisation, campaignId, cancellationToken);
        if (view is null)
        {
            return null;
        }
        var labelled = await db.CampaignsOf(organisation).AsNoTracking()
            .Include(c => c.Texts)
            .Include(c => c.Commitments).ThenInclude(c => c.Labels)
            .Include(c => c.CustomFields).ThenInclude(f => f.Labels)
            .AsSplitQuery()
            .FirstAsync(c => c.Id == campaignId, cancellationToken);
        return view with { MissingLabels = BilingualLabels.MissingIn(labelled) };
    }

    private async Task<View?> ReadAsync(OrganisationContext organisation, int campaignId, CancellationToken cancellationToken) =>
        await db.CampaignsOf(organisation).AsNoTracking()
            .Where(c => c.Id == campaignId)
            .Select(c => new View
            {
                Id = c.Id,
                Slug = c.Slug,
                Kind = c.Kind,
                State = c.State,
                DefaultLanguage = c.DefaultLanguage,
                Texts = c.Texts.OrderBy(t => t.Language)
                    .Select(t => new TextView(t.Language, t.Title, t.BodyMarkdown != "", t.Version, t.AmendedAt))
                    .ToList(),
                SignatureCount = c.SignatureCount,
                Held = db.Signatures.Count(s => s.CampaignId == c.Id && s.State == SignatureState.Held),
                Goal = c.Goal,
                NextGoal = c.NextGoal,
                CreatedAt = c.CreatedAt,
                OpensAt = c.OpensAt,
                ClosesAt = c.ClosesAt,
                PublishedAt = c.PublishedAt,
                ClosedAt = c.ClosedAt,
                ArchivedAt = c.ArchivedAt,
            })
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The site's emails waiting to leave: during a peak, whether confirmations keep up.</summary>
    public Task<OutboxBacklog> BacklogAsync(CancellationToken cancellationToken) =>
        OutboxBacklog.ReadAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
}
