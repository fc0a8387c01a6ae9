using System.Data.Common;
using System.Text;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Ralliement.Admin;

namespace Ralliement.Export;

/// <summary><c>Ralliement export signatures</c>: a campaign's confirmed signatures as CSV, from the server's shell.</summary>
public static class ExportSignaturesCommand
{
    public const string Usage = """
        Usage: Ralliement export signatures <campaign-slug> [--output FILE] [--spreadsheet fr|en] [--separator semicolon|comma|tab] [--Setting=value ...]
          Writes the campaign's confirmed signatures as UTF-8 CSV to FILE, or to standard output:
          commas and column keys (first_name, ...) by default; with --spreadsheet, headers in that
          language, a byte-order mark, and the separator that language's spreadsheets expect.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<Stream> standardOutput, TextWriter errors)
    {
        if (args.Count < 3 || args[1] != "signatures" || args[2].StartsWith('-'))
        {
            await errors.WriteLineAsync(AdminCommands.Usage);
            return 2;
        }
        var slug = args[2];
        var settings = new List<string>();
        var options = new Dictionary<string, string>();
        for (var i = 3; i < args.Count; i++)
        {
            var name = args[i] == "-o" ? "--output" : args[i].Split('=')[0];
            if (name is not ("--output" or "--spreadsheet" or "--separator"))
            {
                settings.Add(args[i]);
            }
            else if (args[i].Contains('=', StringComparison.Ordinal))
            {
                options[name] = args[i][(name.Length + 1)..];
            }
            else if (i + 1 < args.Count)
            {
                options[name] = args[++i];
            }
            else
            {
                await errors.WriteLineAsync($"{name} needs a value.\n\n" + AdminCommands.Usage);
                return 2;
            }
        }
        var language = options.GetValueOrDefault("--spreadsheet");
        var separator = options.GetValueOrDefault("--separator");
        if (language is not null && !Languages.IsSupported(language))
        {
            await errors.WriteLineAsync($"--spreadsheet takes a language: {string.Join(" or ", Languages.Supported)}.");
            return 2;
        }
        if (separator is not null && !CsvFormat.Separators.ContainsKey(separator))
        {
            await errors.WriteLineAsync($"--separator takes {string.Join(", ", CsvFormat.Separators.Keys)}.");
            return 2;
        }
        var format = language is null
            ? CsvFormat.ForScripts with { Delimiter = CsvFormat.Separators[separator ?? "comma"] }
            : CsvFormat.ForSpreadsheet(separator, language, Localizer());
        return await ExportAsync(slug, options.GetValueOrDefault("--output"), format, language, settings.ToArray(), standardOutput, errors);
    }

    private static IStringLocalizer<ExportText> Localizer() =>
        new StringLocalizer<ExportText>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static async Task<int> ExportAsync(string slug, string? output, CsvFormat format, string? language, string[] settings, Func<Stream> standardOutput, TextWriter errors)
    {
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
                return 2;
            }
            int written;
            await using (var stream = partial is null ? standardOutput() : File.Create(partial))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
            {
                written = await CsvSheet.WriteAsync(sheet, writer, format, CancellationToken.None);
            }
            if (partial is not null)
            {
                File.Move(partial, output!, overwrite: true);
            }
            await errors.WriteLineAsync($"Exported {written} confirmed signatures of '{slug}'.");
            return 0;
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            await errors.WriteLineAsync($"Export failed: {exception.Message} (Do DataDirectory and the connection string point at the site's database? Has the site started on it once?)");
            return 1;
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
