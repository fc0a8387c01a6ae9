using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Signing;

namespace Ralliement.Campaigns;

/// <summary>
/// The public list: confirmed signers who chose to appear, newest first, a page at a time by key
/// (no OFFSET, so page 1,000 costs what page 1 costs).
/// </summary>
public sealed class ListSignatories(RalliementDb db)
{
    public const int PageSize = 50;
    public const int MaxSearchLength = 100;

    public sealed record Signatory(long Id, string Name, string? Institution, string? ProfessionalStatus, string? Discipline, DateTime ConfirmedAt);

    public sealed record Page(IReadOnlyList<Signatory> Signatories, long? Older, long? Newer);

    /// <param name="before">Show signatures older than this id (the next page).</param>
    /// <param name="after">Show signatures newer than this id (the previous page).</param>
    public async Task<Page> HandleAsync(int campaignId, string? search, long? before, long? after, int pageSize, CancellationToken cancellationToken)
    {
        // A variable, not the constant true: EF Core writes "ShowPublicly" alone for a constant, and
        // SQLite then cannot use the (CampaignId, State, ShowPublicly, Id) index and sorts every
        // confirmed signature for each page (55 ms a page at 100,000 signatures, growing with size).
        var shown = true;
        var query = db.Signatures.AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.State == SignatureState.Confirmed && s.ShowPublicly == shown);
        var term = SignerText.Normalise(search);
        if (term is not null)
        {
            var folded = SignerText.SearchForm(term.Length > MaxSearchLength ? term[..MaxSearchLength] : term);
            query = query.Where(s => s.SearchText!.Contains(folded));
        }

        List<Signatory> rows;
        if (after is not null)
        {
            rows = await Project(query.Where(s => s.Id > after).OrderBy(s => s.Id).Take(pageSize + 1)).ToListAsync(cancellationToken);
            var hasNewer = rows.Count > pageSize;
            rows = rows.Take(pageSize).Reverse().ToList();
            return new Page(rows, rows.Count > 0 ? rows[^1].Id : null, hasNewer && rows.Count > 0 ? rows[0].Id : null);
        }
        var older = before is null ? query : query.Where(s => s.Id < before);
        rows = await Project(older.OrderByDescending(s => s.Id).Take(pageSize + 1)).ToListAsync(cancellationToken);
        var hasOlder = rows.Count > pageSize;
        rows = rows.Take(pageSize).ToList();
        return new Page(rows, hasOlder ? rows[^1].Id : null, before is not null && rows.Count > 0 ? rows[0].Id : null);
    }

    private static IQueryable<Signatory> Project(IQueryable<Signature> query) => query.Select(s =>
        new Signatory(s.Id, s.FirstName + " " + s.LastName, s.Institution, s.ProfessionalStatus, s.Discipline, s.ConfirmedAt!.Value));
}
