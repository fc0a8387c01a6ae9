using System.CommandLine;
using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ralliement.Export;

namespace Ralliement.Admin;

/// <summary><c>Ralliement export signatures</c>: a campaign's confirmed signatures as CSV, from the server's shell.</summary>
internal static class ExportSignaturesCommand
{
    public static Command Create(AdminConsole console)
    {
        var slug = new Argument<string>("campaign-slug") { Description = "The campaign, as in its address /fr/c/<campaign-slug>." };
        var output = new Option<string>("--output", "-o") { Description = "The file to write (replaced only once complete); standard output without it." };
        var spreadsheet = new Option<string>("--spreadsheet") { Description = "Headers in that language, a byte-order mark and its spreadsheets' separator." };
        spreadsheet.AcceptOnlyFromAmong([.. Languages.Supported]);
        var separator = new Option<string>("--separator") { Description = "The separator, whatever the language." };
        separator.AcceptOnlyFromAmong([.. CsvFormat.Separators.Keys]);
        var signatures = new Command("signatures", """
            Writes the campaign's confirmed signatures as UTF-8 CSV to the file, or to standard output:
            commas and column keys (first_name, ...) by default; with --spreadsheet, headers in that
            language, a byte-order mark, and the separator that language's spreadsheets expect.
            """) { slug, output, spreadsheet, separator };
        signatures.SetAction((parse, _) =>
        {
            var language = parse.GetValue(spreadsheet);
            var chosen = parse.GetValue(separator);
            var format = language is null
                ? CsvFormat.ForScripts with { Delimiter = CsvFormat.Separators[chosen ?? "comma"] }
                : CsvFormat.ForSpreadsheet(chosen, language, Localizer());
            return ExportAsync(parse.GetValue(slug)!, parse.GetValue(output), format, language, AdminCommandLine.SettingsOf(parse), console);
        });
        return new Command("export", "Writes a campaign's signatures as CSV.") { signatures };
    }

    private static IStringLocalizer<ExportText> Localizer() =>
        new StringLocalizer<ExportText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static async Task<int> ExportAsync(string slug, string? output, CsvFormat format, string? language, string[] settings, AdminConsole console)
    {
        var errors = console.Errors;
        await using var host = AdminHost.BuildServices(settings);
        await using var scope = host.Services.CreateAsyncScope();
        var export = ActivatorUtilities.CreateInstance<ExportSignatures>(scope.ServiceProvider);
        // Written to a neighbour file first, so a failed export never leaves a truncated FILE behind.
        var partial = output is null ? null : Path.GetFullPath(output) + ".partial";
        try
        {
            var sheet = await export.OpenAsync(slug, ExportSet.Signatures, language, CancellationToken.None);
            if (sheet is null)
            {
                await errors.WriteLineAsync($"No campaign has the slug '{slug}'.");
                return AdminCommandLine.WrongArguments;
            }
            int written;
            await using (var stream = partial is null ? console.OpenOutput() : File.Create(partial))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
            {
                written = await CsvSheet.WriteAsync(sheet, writer, format, CancellationToken.None);
            }
            if (partial is not null)
            {
                File.Move(partial, output!, overwrite: true);
            }
            await errors.WriteLineAsync($"Exported {written} confirmed signatures of '{slug}'.");
            return AdminCommandLine.Done;
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await errors.WriteLineAsync($"Export failed: {exception.Message} (Do DataDirectory and the connection string point at the site's database? Has the site started on it once?)");
            return AdminCommandLine.Failed;
        }
        finally
        {
            if (partial is not null && File.Exists(partial))
            {
                File.Delete(partial);
            }
        }
    }
}
