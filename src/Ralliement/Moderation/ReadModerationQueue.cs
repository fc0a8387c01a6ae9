using Ralliement.Organisers;

namespace Ralliement.Moderation;

/// <summary>What moderators choose from and look at: the organisation's campaigns, and a page of their signatures.</summary>
public sealed class ReadModerationQueue(RalliementDb db)
{
    /// <summary>One signature as moderators see it: the address's domain, never the address.</summary>
    public sealed record Row
    {
        public required long Id { get; init; }
        public required DateTime CreatedAt { get; init; }
        /// <summary>The signer's names, and the organisation's in brackets when one signed.</summary>
        public required string Name { get; init; }
        public string? Institution { get; init; }
        /// <summary>The address's domain; empty once the personal data is erased.</summary>
        public required string Domain { get; init; }
        public required SignatureState State { get; init; }
        public required bool ShowPublicly { get; init; }
        /// <summary>What a moderator wrote about the signature.</summary>
        public string? Note { get; init; }
        /// <summary>The campaign's title.</summary>
        public required string Campaign { get; init; }
    }

    public sealed record CampaignChoice(int Id, string Title);

    /// <param name="NextBefore">The id to ask signatures before for the next page; null on the last one.</param>
    public sealed record Page(IReadOnlyList<Row> Rows, long? NextBefore);

    /// <summary>The organisation's campaigns, newest first, titled in the page's language or else the campaign's.</summary>
    public async Task<IReadOnlyList<CampaignChoice>> CampaignsAsync(OrganisationContext organisation, string language, CancellationToken cancellationToken) =>
        await db.CampaignsOf(organisation).AsNoTracking().OrderByDescending(c => c.CreatedAt)
            .Select(c => new CampaignChoice(c.Id,
                c.Texts.Where(t => t.Language == language).Select(t => t.Title).FirstOrDefault()
                    ?? c.Texts.Where(t => t.Language == c.DefaultLanguage).Select(t => t.Title).FirstOrDefault() ?? c.Slug))
            .ToListAsync(cancellationToken);

    /// <summary>The newest signatures of those campaigns that pass the filter.</summary>
    public async Task<Page> HandleAsync(IReadOnlyList<CampaignChoice> campaigns, QueueFilter filter, CancellationToken cancellationToken)
    {
        // The organisation's campaign ids rather than a join, so the (CampaignId, State, …) index serves the filter.
        var campaignIds = campaigns.Select(c => c.Id).ToList();
        var rows = await RowsAsync(campaigns, filter.Apply(db.Signatures.AsNoTracking().Where(s => campaignIds.Contains(s.CampaignId))), QueueFilter.PageSize + 1, cancellationToken);
        var page = rows.Take(QueueFilter.PageSize).ToList();
        return new Page(page, rows.Count > QueueFilter.PageSize ? page[^1].Id : null);
    }

    /// <summary>Those of the signatures a moderator chose that belong to these campaigns, newest first: what a confirmation lists.</summary>
    public async Task<IReadOnlyList<Row>> ChosenAsync(IReadOnlyList<CampaignChoice> campaigns, IReadOnlyCollection<long> ids, CancellationToken cancellationToken)
    {
        var campaignIds = campaigns.Select(c => c.Id).ToList();
        var chosen = ids.Distinct().ToList();
        return await RowsAsync(campaigns, db.Signatures.AsNoTracking().Where(s => campaignIds.Contains(s.CampaignId) && chosen.Contains(s.Id)), chosen.Count, cancellationToken);
    }

    private async Task<List<Row>> RowsAsync(IReadOnlyList<CampaignChoice> campaigns, IQueryable<Signature> signatures, int limit, CancellationToken cancellationToken)
    {
        var found = await signatures
            .OrderByDescending(s => s.Id)
            .Take(limit)
            .Select(s => new
            {
                s.Id,
                s.CreatedAt,
                s.FirstName,
                s.LastName,
                s.OrganisationName,
                s.Institution,
                s.EmailDomain,
                s.State,
                s.ShowPublicly,
                s.ModerationNote,
                s.CampaignId,
            })
            .ToListAsync(cancellationToken);
        var titles = campaigns.ToDictionary(c => c.Id, c => c.Title);
        return found
            .Select(s => new Row
            {
                Id = s.Id,
                CreatedAt = s.CreatedAt,
                Name = string.Join(' ', new[] { s.FirstName, s.LastName }.Where(n => !string.IsNullOrEmpty(n))) + (s.OrganisationName is null ? "" : $" ({s.OrganisationName})"),
                Institution = s.Institution,
                // The address stays out of the page: the domain is what tells a wave apart.
                Domain = s.EmailDomain ?? "",
                State = s.State,
                ShowPublicly = s.ShowPublicly,
                Note = s.ModerationNote,
                Campaign = titles.GetValueOrDefault(s.CampaignId, ""),
            })
            .ToList();
    }
}
