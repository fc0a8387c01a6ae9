using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using Ralliement.Signing;

namespace Ralliement.Importing;

/// <summary>
/// Reads an uploaded CSV file of signatures and checks every row with the signing form's rules.
/// A file that cannot be read as a whole (encoding, columns, size) is refused with one reason; a
/// readable file gives every row, each with its own problems, so the organiser fixes them all at once.
/// </summary>
public static class ReadSignatureCsv
{
    /// <summary>50,000 signatures of a few hundred bytes fit well under this; a bigger file is not a list of signatures.</summary>
    public const long MaxFileBytes = 5 * 1024 * 1024;

    /// <summary>The file plus the form and multipart framing around it.</summary>
    public const long MaxRequestBytes = MaxFileBytes + 64 * 1024;

    public const int MaxRows = 50_000;

    /// <summary>Spreadsheets run a cell that starts with one of these as a formula (OWASP "CSV injection").</summary>
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    /// <summary>The campaign's rules for the optional signer fields.</summary>
    public sealed record Rules(FieldRule Institution, FieldRule ProfessionalStatus, FieldRule Discipline, FieldRule City, FieldRule Country, string DefaultLanguage,
        IReadOnlyList<ImportField>? CustomFields = null)
    {
        public IReadOnlyList<ImportField> Fields => CustomFields ?? [];
    }

    /// <summary>Why a whole file is refused: a resource key and what to name in the message.</summary>
    public sealed record Refusal(string Key, string? Detail = null);

    /// <param name="Ignored">The headers of the columns that match nothing, as the file names them.</param>
    public sealed record Result(IReadOnlyList<ImportedRow> Rows, Refusal? Refused, IReadOnlyList<string> Ignored)
    {
        public static Result Refuse(string key, string? detail = null) => new([], new Refusal(key, detail), []);
    }

    public static Result Read(ReadOnlySpan<byte> content, Rules rules)
    {
        if (content.Length > MaxFileBytes)
        {
            return Result.Refuse("FileTooLarge");
        }
        string text;
        try
        {
            // Strict: a file saved as Windows-1252 or Latin-1 would otherwise import "Ã©" for "é".
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Result.Refuse("NotUtf8");
        }
        text = text.TrimStart('\uFEFF');
        if (string.IsNullOrWhiteSpace(text))
        {
            return Result.Refuse("EmptyFile");
        }
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = DelimiterOf(text),
            // Quotes in the middle of a cell are kept as typed rather than stopping the import.
            BadDataFound = null,
            TrimOptions = TrimOptions.None,
        };
        try
        {
            using var parser = new CsvParser(new StringReader(text), configuration);
            if (!parser.Read() || parser.Record is not { } header)
            {
                return Result.Refuse("EmptyFile");
            }
            var columns = header.Select(ImportColumns.Match).ToArray();
            // Columns the built-in ones leave are tried as custom fields, by label or key.
            var fields = header.Select((name, i) => columns[i] is null ? ImportColumns.MatchField(name, rules.Fields) : null).ToArray();
            var ignored = header.Where((name, i) => columns[i] is null && fields[i] is null && !string.IsNullOrWhiteSpace(name))
                .Select(name => name.Trim()).Distinct().ToList();
            var missing = ImportColumns.Required.Where(c => !columns.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                return Result.Refuse("MissingColumns", string.Join(", ", missing));
            }
            var rows = new List<ImportedRow>();
            while (parser.Read())
            {
                var record = parser.Record ?? [];
                if (record.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (rows.Count == MaxRows)
                {
                    return Result.Refuse("TooManyRows", MaxRows.ToString("N0", CultureInfo.CurrentCulture));
                }
                rows.Add(Check(parser.Row, header, columns, fields, record, rules));
            }
            return rows.Count == 0 ? Result.Refuse("NoRows") : new Result(rows, null, ignored);
        }
        catch (CsvHelperException)
        {
            return Result.Refuse("Unreadable");
        }
    }

    /// <summary>Semicolons when the header has more of them than commas: what French spreadsheets write.</summary>
    private static string DelimiterOf(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ";" : ",";
    }

    private static ImportedRow Check(int line, string[] header, string?[] columns, ImportField?[] fields, string[] record, Rules rules)
    {
        var row = new ImportedRow { Line = line };
        var cells = new Dictionary<string, (string Header, string Value)>();
        for (var i = 0; i < columns.Length && i < record.Length; i++)
        {
            var column = columns[i] ?? (fields[i] is { } field ? field.Key : null);
            if (column is not null && !cells.ContainsKey(column))
            {
                cells[column] = (header[i].Trim(), record[i]);
            }
        }
        foreach (var (_, (name, value)) in cells)
        {
            // Refused rather than escaped: a name that starts with "=" is not one anybody signed with,
            // and an escaped "'=HYPERLINK(…)" would then show on the public list.
            if (value.TrimStart(' ').Length > 0 && FormulaStarts.Contains(value.TrimStart(' ')[0]))
            {
                row.Errors.Add(new RowError(name, "Formula"));
            }
        }
        if (row.Errors.Count > 0)
        {
            return row;
        }
        row.FirstName = Text(ImportColumns.FirstName, FieldRule.Required, SignerLimits.Name);
        row.LastName = Text(ImportColumns.LastName, FieldRule.Required, SignerLimits.Name);
        row.Institution = Text(ImportColumns.Institution, rules.Institution, SignerLimits.Institution);
        row.ProfessionalStatus = Text(ImportColumns.Status, rules.ProfessionalStatus, SignerLimits.Detail);
        row.Discipline = Text(ImportColumns.Discipline, rules.Discipline, SignerLimits.Detail);
        row.City = Text(ImportColumns.City, rules.City, SignerLimits.Detail);
        row.Country = Text(ImportColumns.Country, rules.Country, SignerLimits.Detail);
        var email = Cell(ImportColumns.Email);
        if (!string.IsNullOrWhiteSpace(email))
        {
            if (email.Length > EmailAddress.MaxLength)
            {
                row.Errors.Add(new RowError(NameOf(ImportColumns.Email), "TooLong", EmailAddress.MaxLength));
            }
            else if (EmailAddress.TryParse(email, out var address))
            {
                row.Email = address!.Address;
                row.EmailKey = address.Key;
                row.EmailDomain = address.Domain;
            }
            else
            {
                row.Errors.Add(new RowError(NameOf(ImportColumns.Email), "InvalidEmail"));
            }
        }
        foreach (var field in rules.Fields)
        {
            // Same limit as the signing form's; a hidden field's column is kept as optional, like the built-in ones.
            if (Text(field.Key, field.Rule == FieldRule.Hidden ? FieldRule.Optional : field.Rule, SignerLimits.Institution) is { } value)
            {
                row.Fields[field.Id] = value;
            }
        }
        row.ShowPublicly = Flag(ImportColumns.ShowPublicly);
        row.AcceptsNews = Flag(ImportColumns.AcceptsNews);
        if (row.AcceptsNews && row.Email is null && !row.Errors.Any(e => e.Column == NameOf(ImportColumns.Email)))
        {
            row.Errors.Add(new RowError(NameOf(ImportColumns.AcceptsNews), "NewsWithoutEmail"));
        }
        var language = TypedText.Normalise(Cell(ImportColumns.Language))?.ToLowerInvariant();
        if (language is null)
        {
            row.Language = rules.DefaultLanguage;
        }
        else if (Languages.IsSupported(language))
        {
            row.Language = language;
        }
        else
        {
            row.Errors.Add(new RowError(NameOf(ImportColumns.Language), "UnknownLanguage"));
        }
        return row;

        string? Cell(string column) => cells.TryGetValue(column, out var cell) ? cell.Value : null;

        string NameOf(string column) => cells.TryGetValue(column, out var cell) ? cell.Header
            : rules.Fields.FirstOrDefault(f => f.Key == column)?.Labels.FirstOrDefault() ?? column;

        string? Text(string column, FieldRule rule, int maxLength)
        {
            var problems = new FormErrors();
            // A field the form hides may still hold what an earlier campaign or a paper form collected:
            // the organiser's own data, kept as optional rather than dropped.
            var value = SignerDetails.Text(column, Cell(column), rule == FieldRule.Hidden ? FieldRule.Optional : rule, maxLength, problems);
            row.Errors.AddRange(problems.Select(p => RowError.From(p, NameOf(column))));
            return value;
        }

        bool Flag(string column)
        {
            var value = TypedText.Normalise(Cell(column))?.ToLowerInvariant();
            switch (value)
            {
                case null or "0" or "no" or "non" or "false" or "faux" or "n":
                    return false;
                case "1" or "yes" or "oui" or "true" or "vrai" or "x" or "y" or "o":
                    return true;
                default:
                    row.Errors.Add(new RowError(NameOf(column), "NotYesNo"));
                    return false;
            }
        }
    }
}
