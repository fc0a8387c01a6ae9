using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;

namespace Ralliement.Export;

/// <summary>
/// Writes a campaign's confirmed signatures as CSV, one row at a time as the database yields them,
/// so exporting a million signatures takes no more memory than exporting ten.
/// </summary>
public sealed class ExportSignatures(RalliementDb db)
{
    public sealed record Row(
        long Id,
        DateTime ConfirmedAt,
        string? FirstName,
        string? LastName,
        string? Institution,
        string? ProfessionalStatus,
        string? Discipline,
        bool ShowsPublicly,
        bool AcceptsNews);

    public static readonly string[] Columns =
        ["id", "confirmed_at", "first_name", "last_name", "institution", "professional_status", "discipline", "shows_publicly", "accepts_news"];

    /// <returns>How many signatures were written, or null when no campaign has this slug.</returns>
    public async Task<int?> HandleAsync(string slug, TextWriter destination, CancellationToken cancellationToken)
    {
        var campaignId = await db.Campaigns.Where(c => c.Slug == slug).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (campaignId is null)
        {
            return null;
        }
        // One no-tracking query streamed by the provider: rows are read as they are written out,
        // and the change tracker keeps none of them.
        var rows = db.Signatures.AsNoTracking()
            .Where(s => s.CampaignId == campaignId && s.State == SignatureState.Confirmed)
            .OrderBy(s => s.Id)
            .Select(s => new Row(s.Id, s.ConfirmedAt!.Value, s.FirstName, s.LastName, s.Institution, s.ProfessionalStatus, s.Discipline, s.ShowPublicly, s.AcceptsNews))
            .AsAsyncEnumerable();
        return await WriteCsvAsync(rows, destination, cancellationToken);
    }

    public static async Task<int> WriteCsvAsync(IAsyncEnumerable<Row> rows, TextWriter destination, CancellationToken cancellationToken)
    {
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            // A signer's name is typed by anyone: a cell such as =HYPERLINK(…) must stay text when an
            // organiser opens the file in a spreadsheet (OWASP "CSV injection"), so it gets a leading '.
            InjectionOptions = InjectionOptions.Escape,
            InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
            InjectionEscapeCharacter = '\'',
            NewLine = "\r\n",
        };
        await using var csv = new CsvWriter(destination, configuration, leaveOpen: true);
        foreach (var column in Columns)
        {
            csv.WriteField(column);
        }
        await csv.NextRecordAsync();
        var count = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            csv.WriteField(row.Id.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(row.ConfirmedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            csv.WriteField(row.FirstName);
            csv.WriteField(row.LastName);
            csv.WriteField(row.Institution);
            csv.WriteField(row.ProfessionalStatus);
            csv.WriteField(row.Discipline);
            csv.WriteField(row.ShowsPublicly ? "true" : "false");
            csv.WriteField(row.AcceptsNews ? "true" : "false");
            await csv.NextRecordAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }
}
