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
        bool AcceptsNews,
        SignatoryKind Kind = SignatoryKind.Person,
        string? OrganisationName = null,
        string? OrganisationKind = null,
        string? City = null,
        string? Country = null,
        IReadOnlyList<string?>? Custom = null);

    /// <summary>
    /// The fixed columns; a campaign's custom fields follow, one column each, headed by their label
    /// in the campaign's default language. For an organisation, the names are its representative's.
    /// </summary>
    public static readonly string[] Columns =
        ["id", "confirmed_at", "first_name", "last_name", "institution", "professional_status", "discipline", "shows_publicly", "accepts_news",
         "kind", "organisation_name", "organisation_kind", "city", "country"];

    /// <returns>How many signatures were written, or null when no campaign has this slug.</returns>
    public async Task<int?> HandleAsync(string slug, TextWriter destination, CancellationToken cancellationToken)
    {
        var campaign = await db.Campaigns.Where(c => c.Slug == slug).Select(c => new { c.Id, c.DefaultLanguage }).FirstOrDefaultAsync(cancellationToken);
        if (campaign is null)
        {
            return null;
        }
        var fields = await db.CustomFields.AsNoTracking()
            .Where(f => f.CampaignId == campaign.Id)
            .OrderBy(f => f.Position).ThenBy(f => f.Id)
            .Select(f => new { f.Id, Labels = f.Labels.Select(l => new { l.Language, l.Text }).ToList() })
            .ToListAsync(cancellationToken);
        var labels = fields
            .Select(f => (f.Labels.FirstOrDefault(l => l.Language == campaign.DefaultLanguage) ?? f.Labels.FirstOrDefault())?.Text ?? $"field_{f.Id}")
            .ToList();
        // One no-tracking query streamed by the provider: rows are read as they are written out,
        // and the change tracker keeps none of them.
        var signatures = db.Signatures.AsNoTracking()
            .Where(s => s.CampaignId == campaign.Id && s.State == SignatureState.Confirmed)
            .OrderBy(s => s.Id);
        if (fields.Count == 0)
        {
            var rows = signatures
                .Select(s => new Row(s.Id, s.ConfirmedAt!.Value, s.FirstName, s.LastName, s.Institution, s.ProfessionalStatus, s.Discipline, s.ShowPublicly, s.AcceptsNews,
                    s.Kind, s.OrganisationName, s.OrganisationKind, s.City, s.Country, null))
                .AsAsyncEnumerable();
            return await WriteCsvAsync(rows, [], destination, cancellationToken);
        }
        // The values come in the same query, joined and still streamed in signature order;
        // only campaigns with custom fields pay for the join.
        var fieldIds = fields.Select(f => f.Id).ToList();
        var withValues = signatures
            .Select(s => new
            {
                Row = new Row(s.Id, s.ConfirmedAt!.Value, s.FirstName, s.LastName, s.Institution, s.ProfessionalStatus, s.Discipline, s.ShowPublicly, s.AcceptsNews,
                    s.Kind, s.OrganisationName, s.OrganisationKind, s.City, s.Country, null),
                Values = s.FieldValues.Select(v => new { v.CustomFieldId, v.Value }).ToList(),
            })
            .AsAsyncEnumerable()
            .Select(r => r.Row with { Custom = fieldIds.Select(id => r.Values.FirstOrDefault(v => v.CustomFieldId == id)?.Value).ToList() });
        return await WriteCsvAsync(withValues, labels, destination, cancellationToken);
    }

    public static Task<int> WriteCsvAsync(IAsyncEnumerable<Row> rows, TextWriter destination, CancellationToken cancellationToken) =>
        WriteCsvAsync(rows, [], destination, cancellationToken);

    /// <param name="customColumns">The headers of the custom fields, in the order of each row's <see cref="Row.Custom"/>.</param>
    public static async Task<int> WriteCsvAsync(IAsyncEnumerable<Row> rows, IReadOnlyList<string> customColumns, TextWriter destination, CancellationToken cancellationToken)
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
        foreach (var column in Columns.Concat(customColumns))
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
            csv.WriteField(row.Kind == SignatoryKind.Organisation ? "organisation" : "person");
            csv.WriteField(row.OrganisationName);
            csv.WriteField(row.OrganisationKind);
            csv.WriteField(row.City);
            csv.WriteField(row.Country);
            for (var i = 0; i < customColumns.Count; i++)
            {
                csv.WriteField(row.Custom is { } custom && i < custom.Count ? custom[i] : null);
            }
            await csv.NextRecordAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }
}
