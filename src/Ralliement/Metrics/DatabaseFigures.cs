namespace Ralliement.Metrics;

/// <summary>
/// What the database knows, for <c>status</c>: signatures by campaign and state, the outbox, and the
/// emails sent lately. Counts only, by slug: campaigns are public, their signers are not.
/// </summary>
public sealed record DatabaseFigures(
    IReadOnlyList<DatabaseFigures.CampaignCounts> Campaigns,
    IReadOnlyList<OutboxFigures> Outbox,
    int SentLastHour,
    int SentLastDay,
    int Retrying,
    int GivenUp)
{
    public sealed record CampaignCounts(string Slug, IReadOnlyDictionary<SignatureState, int> ByState)
    {
        public int Recorded => ByState.Values.Sum();

        public int this[SignatureState state] => ByState.GetValueOrDefault(state);
    }

    public static async Task<DatabaseFigures> ReadAsync(RalliementDb db, DateTime now, CancellationToken cancellationToken)
    {
        var counts = await db.Signatures
            .GroupBy(s => new { s.CampaignId, s.State })
            .Select(g => new { g.Key.CampaignId, g.Key.State, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var campaigns = await db.Campaigns.OrderBy(c => c.Id).Select(c => new { c.Id, c.Slug }).ToListAsync(cancellationToken);
        var hourAgo = now.AddHours(-1);
        var dayAgo = now.AddDays(-1);
        // SentAt has no index: this reads the outbox once, which an admin command may do.
        var sent = await db.Outbox
            .Where(m => m.State == OutboxState.Sent && m.SentAt >= dayAgo)
            .GroupBy(m => m.SentAt >= hourAgo)
            .Select(g => new { LastHour = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var sentLastHour = sent.Where(s => s.LastHour).Sum(s => s.Count);
        return new DatabaseFigures(
            campaigns.Select(c => new CampaignCounts(c.Slug,
                counts.Where(n => n.CampaignId == c.Id).ToDictionary(n => n.State, n => n.Count))).ToList(),
            await OutboxFigures.ReadAsync(db, now, cancellationToken),
            sentLastHour,
            sentLastHour + sent.Where(s => !s.LastHour).Sum(s => s.Count),
            await db.Outbox.CountAsync(m => m.State == OutboxState.Pending && m.Attempts > 0, cancellationToken),
            await db.Outbox.CountAsync(m => m.State == OutboxState.Failed, cancellationToken));
    }
}
