using System.Text.Json;

namespace Ralliement.Export;

/// <summary>
/// Writes an export as a JSON array of objects keyed by the CSV's column names, streamed with
/// <see cref="Utf8JsonWriter"/>: its buffer is flushed to the stream every batch, so it never holds the list.
/// </summary>
public static class JsonSheet
{
    /// <returns>How many rows were written.</returns>
    public static async Task<int> WriteAsync(ExportSignatures.Sheet sheet, Stream destination, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = false });
        json.WriteStartArray();
        var count = 0;
        await foreach (var row in sheet.Rows.WithCancellation(cancellationToken))
        {
            json.WriteStartObject();
            foreach (var column in sheet.Columns)
            {
                json.WritePropertyName(column.Name);
                switch (column.Value(row))
                {
                    case null: json.WriteNullValue(); break;
                    case bool b: json.WriteBooleanValue(b); break;
                    case long n: json.WriteNumberValue(n); break;
                    case DateTime instant: json.WriteStringValue(DateTime.SpecifyKind(instant, DateTimeKind.Utc)); break;
                    case var other: json.WriteStringValue(other.ToString()); break;
                }
            }
            json.WriteEndObject();
            if (++count % ExportSignatures.BatchSize == 0)
            {
                await json.FlushAsync(cancellationToken);
            }
        }
        json.WriteEndArray();
        await json.FlushAsync(cancellationToken);
        return count;
    }
}
