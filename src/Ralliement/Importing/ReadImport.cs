using System.Text.Json;
using Ralliement.Organisers;

namespace Ralliement.Importing;

/// <summary>The preview of a checked file: what importing it now would do, and every row's problems.</summary>
public sealed class ReadImport(RalliementDb db, TimeProvider clock)
{
    /// <summary>A checked file not imported within this delay is deleted, with the personal data it holds.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(1);

    public sealed record View(int Id, string FileName, int RowCount, DateTime? ImportedAt, bool Expired, ImportPlan? Plan, IReadOnlyList<ImportedRow> Invalid);

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
            return new View(import.Id, import.FileName, import.RowCount, import.ImportedAt, expired, null, []);
        }
        var rows = RowsOf(import);
        var plan = await ImportPlan.MakeAsync(db, campaignId, rows, cancellationToken);
        return new View(import.Id, import.FileName, import.RowCount, null, false, plan, rows.Where(r => !r.IsValid).ToList());
    }

    public static List<ImportedRow> RowsOf(SignatureImport import) =>
        JsonSerializer.Deserialize<List<ImportedRow>>(import.RowsJson) ?? [];
}
