namespace Ralliement.Api;

/// <summary>
/// For a page of the public list: whether each signer chose to be listed anonymously, and the
/// institution their confirmed address verified. The API keeps an anonymous signer's name out of
/// its answers by this, whatever the list it reads shows, and leaves out an anonymous signer whose
/// address proves nothing.
/// </summary>
public sealed class ReadSignatoryMarks(RalliementDb db)
{
    public sealed record Mark(bool ListedAnonymously, string? VerifiedInstitution);

    /// <summary>One query on the signatures' key, for at most a page of ids.</summary>
    public async Task<IReadOnlyDictionary<long, Mark>> HandleAsync(int campaignId, IReadOnlyList<long> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<long, Mark>();
        }
        var rows = await db.Signatures.AsNoTracking()
            .Where(s => s.CampaignId == campaignId && ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.ListedAnonymously,
                Institution = db.AffiliationInstitutions
                    .Where(i => i.Id == s.VerifiedInstitutionId && i.CampaignId == s.CampaignId)
                    .Select(i => i.Name)
                    .FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new Mark(r.ListedAnonymously, r.Institution));
    }
}
