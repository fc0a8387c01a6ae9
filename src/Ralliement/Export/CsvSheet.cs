using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Ralliement.Export;

/// <summary>Writes an export as UTF-8 CSV (RFC 4180, CRLF, the separator chosen), each row as it is read.</summary>
public static class CsvSheet
{
    private static CsvConfiguration Configuration(string delimiter) => new(CultureInfo.InvariantCulture)
    {
        Delimiter = delimiter,
        // A signer's name is typed by anyone: a cell such as =HYPERLINK(…) must stay text when an
        // organiser opens the file in a spreadsheet (OWASP "CSV injection"), so it gets a leading '.
        // CsvHelper applies this to every field written, the header's labels included.
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
        NewLine = "\r\n",
    };

    /// <returns>How many rows were written.</returns>
    public static async Task<int> WriteAsync(ExportSignatures.Sheet sheet, TextWriter destination, CsvFormat format, CancellationToken cancellationToken)
    {
        if (format.ByteOrderMark)
        {
            await destination.WriteAsync('\uFEFF');
        }
        await using var csv = new CsvWriter(destination, Configuration(format.Delimiter), leaveOpen: true);
        foreach (var column in sheet.Columns)
        {
            csv.WriteField(format.Header(column));
        }
        await csv.NextRecordAsync();
        var count = 0;
        await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
        {
            foreach (var column in sheet.Columns)
            {
                csv.WriteField(Text(column.Value(row)));
            }
            await csv.NextRecordAsync();
            if (++count % ExportSignatures.BatchSize == 0)
            {
                // Pushes what is written so far to the file or the downloading browser.
                await csv.FlushAsync();
                await destination.FlushAsync(cancellationToken);
            }
        }
        await csv.FlushAsync();
        await destination.FlushAsync(cancellationToken);
        return count;
    }

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        DateTime instant => (instant.Kind == DateTimeKind.Local ? instant.ToUniversalTime() : instant).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
