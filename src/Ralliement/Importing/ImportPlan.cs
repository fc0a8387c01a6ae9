namespace Ralliement.Importing;

/// <summary>
/// Which rows of a checked file would become signatures now: the valid ones whose address is neither
/// already a signature of the campaign (in any state: the address is unique per campaign) nor earlier
/// in the file. Rows without an address cannot be compared with anything and are all imported.
/// Made for the preview and made again inside the import's transaction, against the signatures of then.
/// </summary>
public sealed record ImportPlan(IReadOnlyList<ImportedRow> ToImport, int Invalid, int DuplicatesOfExisting, int DuplicatesInFile, int WithoutEmail)
{
    public static async Task<ImportPlan> MakeAsync(RalliementDb db, int campaignId, IReadOnlyList<ImportedRow> rows, CancellationToken cancellationToken)
    {
        var keys = rows.Where(r => r.IsValid && r.EmailKey is not null).Select(r => r.EmailKey!).Distinct().ToList();
        var existing = new HashSet<string>(StringComparer.Ordinal);
        // In chunks: EF Core sends a list as one parameter per value, and SQLite allows 32,766 of them.
        foreach (var chunk in keys.Chunk(1000))
        {
            existing.UnionWith(await db.Signatures.AsNoTracking()
                .Where(s => s.CampaignId == campaignId && chunk.Contains(s.EmailKey!))
                .Select(s => s.EmailKey!)
                .ToListAsync(cancellationToken));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var toImport = new List<ImportedRow>();
        int invalid = 0, ofExisting = 0, inFile = 0, withoutEmail = 0;
        foreach (var row in rows)
        {
            if (!row.IsValid)
            {
                invalid++;
            }
            else if (row.EmailKey is null)
            {
                withoutEmail++;
                toImport.Add(row);
            }
            else if (existing.Contains(row.EmailKey))
            {
                ofExisting++;
            }
            else if (!seen.Add(row.EmailKey))
            {
                inFile++;
            }
            else
            {
                toImport.Add(row);
            }
        }
        return new ImportPlan(toImport, invalid, ofExisting, inFile, withoutEmail);
    }
}
