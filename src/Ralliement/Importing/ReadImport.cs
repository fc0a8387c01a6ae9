using System.Text.Json;
using Ralliement.Organisers;

namespace Ralliement.Importing;

/// <summary>The preview of a checked file: what importing it now would do, and every row's problems.</summary>
public sealed class ReadImport(RalliementDb db, TimeProvider clock)
{
    /// <summary>A checked file not imported within this delay is deleted, with the personal data it holds.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    /// <param name="Ignored">The file's columns that match nothing, by their header.</param>
    public sealed record View(int Id, string FileName, int RowCount, DateTime? ImportedAt, bool Expired, ImportPlan? Plan, IReadOnlyList<ImportedRow> Invalid,
        IReadOnlyList<string> Ignored);

    /// <summary>What <see cref="SignatureImport.RowsJson"/> holds until the import: the checked rows and the columns left aside.</summary>
    public sealed record CheckedFile(List<ImportedRow> Rows, List<string> Ignored);

    /// <summary>The campaign signatures are imported into, or null when it is not one of the organisation's.</summary>
    public Task<ImportCampaign?> CampaignAsync(OrganisationContext organisation, int id, string language, CancellationToken cancellationToken) =>
        ImportCampaign.FindAsync(db, organisation, id, language, cancellationToken);

    public async Task<View?> HandleAsync(int campaignId, int importId, CancellationToken cancellationToken)
    {
        var import = await db.SignatureImports.AsNoTracking()
            .FirstOrDefaultAsync(i => i.Id == importId && i.CampaignId == campaignId, cancellationToken);
        if (import is null)
        {
            return null;
        }
        var expired = import.CreatedAt < clock.GetUtcNow().UtcDateTime - Lifetime;
        if (import.ImportedAt is not null || expired)
        {
            return new View(import.Id, import.FileName, import.RowCount, import.ImportedAt, expired, null, [], []);
        }
        var file = FileOf(import);
        var plan = await ImportPlan.MakeAsync(db, campaignId, file.Rows, cancellationToken);
        return new View(import.Id, import.FileName, import.RowCount, null, false, plan, file.Rows.Where(r => !r.IsValid).ToList(), file.Ignored);
    }

    public static List<ImportedRow> RowsOf(SignatureImport import) => FileOf(import).Rows;

    /// <summary>The checked file; a bare list of rows is how files checked before columns were reported were kept, and how an imported one is emptied.</summary>
    public static CheckedFile FileOf(SignatureImport import) =>
        import.RowsJson.TrimStart().StartsWith('[')
            ? new CheckedFile(JsonSerializer.Deserialize<List<ImportedRow>>(import.RowsJson) ?? [], [])
            : JsonSerializer.Deserialize<CheckedFile>(import.RowsJson) ?? new CheckedFile([], []);
}
