namespace Ralliement.Editing;

/// <summary>
/// Whether one language's text of a campaign lags behind the other's: the other was amended and this
/// one has not followed yet. Organisers are warned in the editor, and readers of the older text are
/// told a newer one exists in the other language.
/// </summary>
public sealed class CompareTranslations(RalliementDb db)
{
    /// <summary>The text in <see cref="OlderLanguage"/> has not followed <see cref="Language"/>'s amendment of <see cref="AmendedAt"/>.</summary>
    public sealed record Lag(string OlderLanguage, int OlderVersion, string Language, int Version, DateTime AmendedAt);

    /// <summary>What happened to a text after publication: amended, or written for the first time (a translation).</summary>
    public sealed record Change(DateTime At, string Language, bool Amended);

    public sealed record Text(string Language, int Version, DateTime? AmendedAt);

    /// <summary>
    /// Replays the changes in order. An amendment leaves the other texts behind, unless its own text
    /// was behind: then it is taken as that text catching up (a translation of the other's change). A
    /// translation written after publication starts up to date.
    /// </summary>
    public static IReadOnlyList<Lag> Compare(IReadOnlyList<Text> texts, IEnumerable<Change> changes)
    {
        var created = changes.Where(c => !c.Amended).GroupBy(c => c.Language).ToDictionary(g => g.Key, g => g.Min(c => c.At));
        var behind = new Dictionary<string, string>();
        foreach (var change in changes.OrderBy(c => c.At))
        {
            // A new translation, or an amendment that catches up: this text is no longer behind.
            if (!change.Amended || behind.ContainsKey(change.Language))
            {
                behind.Remove(change.Language);
                continue;
            }
            foreach (var other in texts.Where(t => t.Language != change.Language && (!created.TryGetValue(t.Language, out var at) || at <= change.At)))
            {
                behind[other.Language] = change.Language;
            }
        }
        return [.. behind.Select(b => (Older: texts.First(t => t.Language == b.Key), Newer: texts.First(t => t.Language == b.Value)))
            .Where(p => p.Newer.AmendedAt is not null)
            .Select(p => new Lag(p.Older.Language, p.Older.Version, p.Newer.Language, p.Newer.Version, p.Newer.AmendedAt!.Value))];
    }

    /// <summary>Every text of the campaign that lags behind another, for the editor.</summary>
    public async Task<IReadOnlyList<Lag>> AllAsync(int campaignId, CancellationToken cancellationToken)
    {
        var texts = await db.CampaignTexts.AsNoTracking().Where(t => t.CampaignId == campaignId)
            .Select(t => new Text(t.Language, t.Version, t.AmendedAt))
            .ToListAsync(cancellationToken);
        if (texts.Count < 2 || texts.All(t => t.AmendedAt is null))
        {
            return [];
        }
        // Each amendment kept the version it replaced, with its time.
        var changes = await db.CampaignTextVersions.AsNoTracking().Where(v => v.CampaignId == campaignId)
            .Select(v => new Change(v.ReplacedAt, v.Language, true))
            .ToListAsync(cancellationToken);
        // When a translation was first written after publication is not a column: the editor's audit
        // entry says it ("campaign.text", details "{language} v1", see EditCampaignText).
        var campaign = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => new { c.OrganisationId, c.PublishedAt }).FirstAsync(cancellationToken);
        var target = $"campaign:{campaignId}";
        var writes = await db.AuditLog.AsNoTracking()
            .Where(a => a.OrganisationId == campaign.OrganisationId && a.Target == target && a.Action == "campaign.text" && a.At > campaign.PublishedAt)
            .Select(a => new { a.Details, a.At })
            .ToListAsync(cancellationToken);
        changes.AddRange(writes.Where(w => w.Details is { Length: > 2 }).Select(w => new Change(w.At, w.Details![..2], false)));
        return Compare(texts, changes);
    }

    /// <summary>The text that is ahead of the one in <paramref name="language"/>, if any.</summary>
    public async Task<Lag?> AheadOfAsync(int campaignId, string language, CancellationToken cancellationToken) =>
        (await AllAsync(campaignId, cancellationToken)).FirstOrDefault(l => l.OlderLanguage == language);

    /// <summary>For the public page: the text ahead of the one shown, and the organisation's time zone to date it in.</summary>
    public async Task<(Lag Lag, string TimeZone)?> AheadForReadersAsync(int campaignId, string language, CancellationToken cancellationToken)
    {
        if (await AheadOfAsync(campaignId, language, cancellationToken) is not { } lag)
        {
            return null;
        }
        var zone = await db.Campaigns.Where(c => c.Id == campaignId).Select(c => c.Organisation.TimeZone).FirstAsync(cancellationToken);
        return (lag, zone);
    }
}
