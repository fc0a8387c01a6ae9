using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Ralliement.Organisers;

namespace Ralliement.Export;

/// <summary>
/// The organisers' downloads: <c>/{lang}/organiser/{org}/campaigns/{id}/export.csv?set=signatures|contacts</c>
/// and <c>export.json?set=…</c>, streamed to the browser as they are read from the database.
/// </summary>
public static class DownloadExport
{
    public static void AddExport(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ExportSignatures>();
        builder.Services.AddScoped<ReadExportChoices>();
    }

    public static void MapExport(this WebApplication app)
    {
        var campaign = app.MapGroup("/{lang:lang}/organiser/{org}/campaigns/{id:int}")
            .RequireAuthorization(OrganisationAccess.Policy.ExportSignatures);
        campaign.MapGet("/export.csv", (int id, string? set, string? separator, HttpContext http, ExportSignatures export, RalliementDb db, Audit audit, TimeProvider clock, IStringLocalizer<ExportText> text) =>
            DownloadAsync(id, set, "csv", http, export, db, audit, clock, Csv(separator, http, text)));
        campaign.MapGet("/export.json", (int id, string? set, HttpContext http, ExportSignatures export, RalliementDb db, Audit audit, TimeProvider clock) =>
            DownloadAsync(id, set, "json", http, export, db, audit, clock, csv: null));
    }

    public static ExportSet? SetNamed(string? name) => name switch
    {
        null or "" or "signatures" => ExportSet.Signatures,
        "contacts" => ExportSet.Contacts,
        _ => null,
    };

    /// <summary>The layout of a download for the organiser's spreadsheet; null for a separator not offered.</summary>
    private static CsvFormat? Csv(string? separator, HttpContext http, IStringLocalizer<ExportText> text) =>
        separator is null or "" || CsvFormat.Separators.ContainsKey(separator)
            ? CsvFormat.ForSpreadsheet(separator, http.GetRouteValue("lang") as string ?? Languages.Default, text)
            : null;

    private static async Task<IResult> DownloadAsync(int id, string? setName, string format, HttpContext http, ExportSignatures export, RalliementDb db, Audit audit, TimeProvider clock,
        CsvFormat? csv)
    {
        var organisation = http.Organisation();
        var cancellationToken = http.RequestAborted;
        if (SetNamed(setName) is not { } set || (format == "csv" && csv is null))
        {
            return Results.BadRequest();
        }
        var campaign = await db.CampaignsOf(organisation).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (campaign is null)
        {
            return Results.NotFound();
        }
        // Recorded and committed before the first byte leaves, with the count at that moment: no
        // personal data can leave without its entry, even if the download or the server dies half-way.
        // A signature confirmed during the download may make the file one row longer than the count.
        var count = await export.CountAsync(campaign.Id, set, cancellationToken);
        var setLabel = set == ExportSet.Contacts ? "contacts" : "signatures";
        audit.Record(organisation, $"export.{setLabel}", $"campaign:{campaign.Id}", $"format={format}; rows={count}");
        await db.SaveChangesAsync(cancellationToken);

        var sheet = await export.OpenAsync(campaign, set, http.GetRouteValue("lang") as string ?? campaign.DefaultLanguage, cancellationToken);
        var response = http.Response;
        var fileName = $"{campaign.Slug}-{setLabel}-{clock.GetUtcNow().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.{format}";
        response.ContentType = format == "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        response.Headers.CacheControl = "no-store";
        if (format == "csv")
        {
            await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true);
            await CsvSheet.WriteAsync(sheet, writer, csv!, cancellationToken);
        }
        else
        {
            await JsonSheet.WriteAsync(sheet, response.Body, cancellationToken);
        }
        return Results.Empty;
    }
}
