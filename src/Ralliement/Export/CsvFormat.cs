using System.Globalization;
using Microsoft.Extensions.Localization;

namespace Ralliement.Export;

/// <summary>
/// How a CSV file is laid out for whoever opens it. Spreadsheets set to French read ';' as the
/// separator (',' is their decimal mark) and, without a byte-order mark, take UTF-8 for the local
/// code page and show "Ã©" for "é"; scripts want ',' and keys that never change.
/// </summary>
/// <param name="Delimiter">";", "," or a tab.</param>
/// <param name="Header">The text of a column's header.</param>
public sealed record CsvFormat(string Delimiter, bool ByteOrderMark, Func<ExportSignatures.Column, string> Header)
{
    /// <summary>The admin command's default, unchanged since it was first written: commas, keys, no mark.</summary>
    public static readonly CsvFormat ForScripts = new(",", false, c => c.Name);

    /// <summary>The separators offered, by the name a form or a command line gives them.</summary>
    public static readonly IReadOnlyDictionary<string, string> Separators = new Dictionary<string, string>
    {
        ["semicolon"] = ";",
        ["comma"] = ",",
        ["tab"] = "\t",
    };

    /// <summary>What French spreadsheets expect, and English ones.</summary>
    public static string DefaultSeparatorFor(string language) => language == "fr" ? "semicolon" : "comma";

    /// <summary>
    /// For a spreadsheet: the separator named (else the language's), a byte-order mark, and headers in
    /// <paramref name="language"/>; commitments and custom fields keep the labels the sheet was opened with.
    /// </summary>
    public static CsvFormat ForSpreadsheet(string? separator, string language, IStringLocalizer<ExportText> text)
    {
        var delimiter = Separators.GetValueOrDefault(separator ?? "") ?? Separators[DefaultSeparatorFor(language)];
        var culture = CultureInfo.GetCultureInfo(language);
        return new CsvFormat(delimiter, true, column => column.Labelled ? column.Name : HeaderOf(text, column.Name, culture));
    }

    private static string HeaderOf(IStringLocalizer<ExportText> text, string key, CultureInfo culture)
    {
        var saved = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            var name = "Column_" + key;
            return text.Holds(name) ? text[name] : key;
        }
        finally
        {
            CultureInfo.CurrentUICulture = saved;
        }
    }
}
