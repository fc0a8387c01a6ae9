using System.Globalization;
using CsvHelper;
using Ralliement.Data;
using Ralliement.Export;

namespace Ralliement.Tests.Unit;

public sealed class CsvExportTests
{
    private static readonly ExportSignatures.Column[] Columns =
    [
        new("id", r => r.Id),
        new("confirmed_at", r => r.ConfirmedAt),
        new("first_name", r => r.FirstName),
        new("last_name", r => r.LastName),
        new("institution", r => r.Institution),
        new("shows_publicly", r => r.ShowsPublicly),
        new("accepts_news", r => r.AcceptsNews),
    ];

    private static async Task<string> CsvOfAsync(params ExportSignatures.Row[] rows)
    {
        using var writer = new StringWriter();
        var sheet = new ExportSignatures.Sheet(1, "demo", ExportSet.Signatures, Columns, rows.ToAsyncEnumerable());
        await CsvSheet.WriteAsync(sheet, writer, CsvFormat.ForScripts, CancellationToken.None);
        return writer.ToString();
    }

    private static ExportSignatures.Row Row(string firstName, string lastName = "Lopes", string? institution = null) => new()
    {
        Id = 7,
        ConfirmedAt = new DateTime(2026, 11, 22, 9, 30, 5, DateTimeKind.Utc),
        Kind = SignatoryKind.Person,
        FirstName = firstName,
        LastName = lastName,
        Language = "fr",
        Institution = institution,
        ShowsPublicly = true,
        AcceptsNews = false,
    };

    [Fact]
    public async Task The_file_starts_with_a_header_row_and_writes_instants_in_UTC_ISO_8601()
    {
        var csv = await CsvOfAsync(Row("Ana"));

        Assert.Equal(
            "id,confirmed_at,first_name,last_name,institution,shows_publicly,accepts_news\r\n" +
            "7,2026-11-22T09:30:05Z,Ana,Lopes,,true,false\r\n",
            csv);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")")]
    [InlineData("+33 6 12")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\tcmd")]
    [InlineData("\rcmd")]
    public async Task A_cell_a_spreadsheet_would_run_as_a_formula_is_written_as_text(string hostile)
    {
        var csv = await CsvOfAsync(Row(hostile, institution: hostile));

        using var reader = new CsvReader(new StringReader(csv), CultureInfo.InvariantCulture);
        await reader.ReadAsync();
        reader.ReadHeader();
        await reader.ReadAsync();
        Assert.Equal("'" + hostile, reader.GetField("first_name"));
        Assert.Equal("'" + hostile, reader.GetField("institution"));
    }

    [Fact]
    public async Task Commas_quotes_and_accents_survive_the_round_trip()
    {
        var csv = await CsvOfAsync(Row("Zoé", "O'Brien, \"dite\" Zaza", "Université d'Été"));

        Assert.Contains("Zoé,\"O'Brien, \"\"dite\"\" Zaza\",Université d'Été,", csv, StringComparison.Ordinal);
    }
}
