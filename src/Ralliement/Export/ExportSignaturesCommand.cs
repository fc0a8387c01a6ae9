using System.Data.Common;
using System.Text;
using Ralliement.Admin;

namespace Ralliement.Export;

/// <summary><c>Ralliement export signatures</c>: a campaign's confirmed signatures as CSV, from the server's shell.</summary>
public static class ExportSignaturesCommand
{
    public const string Usage = """
        Usage: Ralliement export signatures <campaign-slug> [--output FILE] [--Setting=value ...]
          Writes the campaign's confirmed signatures as UTF-8 CSV to FILE, or to standard output.
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
        string? output = null;
        for (var i = 3; i < args.Count; i++)
        {
            if (args[i] is "--output" or "-o")
            {
                if (i + 1 >= args.Count)
                {
                    await errors.WriteLineAsync("--output needs a file name.\n\n" + AdminCommands.Usage);
                    return 2;
                }
                output = args[++i];
            }
            else if (args[i].StartsWith("--output=", StringComparison.Ordinal))
            {
                output = args[i]["--output=".Length..];
            }
            else
            {
                settings.Add(args[i]);
            }
        }
        return await ExportAsync(slug, output, settings.ToArray(), standardOutput, errors);
    }

    private static async Task<int> ExportAsync(string slug, string? output, string[] settings, Func<Stream> standardOutput, TextWriter errors)
    {
        await using var host = AdminHost.BuildServices(settings);
        await using var scope = host.Services.CreateAsyncScope();
        var export = ActivatorUtilities.CreateInstance<ExportSignatures>(scope.ServiceProvider);
        // Written to a neighbour file first, so a failed export never leaves a truncated FILE behind.
        var partial = output is null ? null : Path.GetFullPath(output) + ".partial";
        try
        {
            var sheet = await export.OpenAsync(slug, ExportSet.Signatures, CancellationToken.None);
            if (sheet is null)
            {
                await errors.WriteLineAsync($"No campaign has the slug '{slug}'.");
                return 2;
            }
            int written;
            await using (var stream = partial is null ? standardOutput() : File.Create(partial))
            await using (var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
            {
                written = await CsvSheet.WriteAsync(sheet, writer, CancellationToken.None);
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
