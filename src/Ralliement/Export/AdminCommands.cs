using System.Data.Common;
using System.Text;
using Ralliement.Data;
using Ralliement.Demo;
using Ralliement.Organisers;
using Ralliement.Shared;

namespace Ralliement.Export;

/// <summary>
/// The admin command line: the same executable as the site, so a command reads the same settings
/// (appsettings.json, environment, <c>--Key=value</c>) and reaches the same database, without Kestrel.
/// </summary>
public static class AdminCommands
{
    public const string Usage = """
        Usage: Ralliement export signatures <campaign-slug> [--output FILE] [--Setting=value ...]
          Writes the campaign's confirmed signatures as UTF-8 CSV to FILE, or to standard output.
        Usage: Ralliement organiser create <email> --organisation <slug> [--name "Name"] [--Setting=value ...]
          Makes <email> an owner of the organisation (created, with --name, when new) and prints a
          one-time link where they choose their password.
        Usage: Ralliement keys new
          Prints a new set of privacy keys (Privacy:AddressHashKey, Privacy:EncryptionKeys) as JSON
          configuration. The address hash key is for a new site only: it can never change.
          Settings are those of the site (for instance --DataDirectory=/var/lib/ralliement).
        Without a command, Ralliement starts the web site.
        """;

    /// <summary>Runs an admin command when the arguments name one; false means: start the site.</summary>
    public static async Task<bool> TryRunAsync(string[] args)
    {
        var exitCode = await RunAsync(args, Console.OpenStandardOutput, Console.Error);
        if (exitCode is null)
        {
            return false;
        }
        Environment.ExitCode = exitCode.Value;
        return true;
    }

    /// <returns>The exit code (0 done, 1 failed, 2 wrong arguments or unknown campaign), or null when no command was named.</returns>
    public static async Task<int?> RunAsync(IReadOnlyList<string> args, Func<Stream> standardOutput, TextWriter errors)
    {
        if (args.Count > 0 && args[0] == "keys")
        {
            if (args.Count != 2 || args[1] != "new")
            {
                await errors.WriteLineAsync(Usage);
                return 2;
            }
            await using var keys = new StreamWriter(standardOutput());
            await keys.WriteLineAsync(Privacy.PrivacyKeys.NewSetJson());
            return 0;
        }
        if (args.Count > 0 && args[0] == "organiser")
        {
            return await CreateOrganiserAsync(args, standardOutput, errors);
        }
        if (args.Count == 0 || args[0] != "export")
        {
            return null;
        }
        if (args.Count < 3 || args[1] != "signatures" || args[2].StartsWith('-'))
        {
            await errors.WriteLineAsync(Usage);
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
                    await errors.WriteLineAsync("--output needs a file name.\n\n" + Usage);
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

    private static async Task<int> CreateOrganiserAsync(IReadOnlyList<string> args, Func<Stream> standardOutput, TextWriter errors)
    {
        if (args.Count < 3 || args[1] != "create" || args[2].StartsWith('-'))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }
        string? slug = null, name = null;
        var settings = new List<string>();
        for (var i = 3; i < args.Count; i++)
        {
            if (args[i] is "--organisation" or "--name")
            {
                if (i + 1 >= args.Count)
                {
                    await errors.WriteLineAsync($"{args[i]} needs a value.\n\n" + Usage);
                    return 2;
                }
                if (args[i] == "--name")
                {
                    name = args[++i];
                }
                else
                {
                    slug = args[++i];
                }
            }
            else
            {
                settings.Add(args[i]);
            }
        }
        if (slug is null)
        {
            await errors.WriteLineAsync("--organisation is required.\n\n" + Usage);
            return 2;
        }
        try
        {
            await using var host = BuildServices(settings.ToArray(), withAccounts: true);
            await host.Services.MigrateDatabaseAsync();
            // The database the site would open on, demo included, so the demo organisation can be named.
            await host.Services.SeedDemoAsync();
            await using var scope = host.Services.CreateAsyncScope();
            var result = await ActivatorUtilities.CreateInstance<CreateOrganiser>(scope.ServiceProvider)
                .HandleAsync(args[2], slug, name, CancellationToken.None);
            if (result.Error is not null)
            {
                await errors.WriteLineAsync(result.Error);
                return 2;
            }
            await using var output = new StreamWriter(standardOutput());
            await output.WriteLineAsync(result.SetUpLink);
            await errors.WriteLineAsync($"{args[2]} is an owner of '{slug}'{(result.OrganisationCreated ? " (organisation created)" : "")}. The link above lets them choose a password once, within 2 days.");
            return 0;
        }
        catch (Exception exception) when (exception is DbException or IOException or InvalidOperationException)
        {
            await errors.WriteLineAsync($"Could not create the organiser: {exception.Message}");
            return 1;
        }
    }

    private static async Task<int> ExportAsync(string slug, string? output, string[] settings, Func<Stream> standardOutput, TextWriter errors)
    {
        await using var host = BuildServices(settings);
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

    /// <summary>
    /// The site's configuration and database, built as the site builds them but never started:
    /// no Kestrel, no background sender. Logs go to standard error, so standard output holds only the CSV.
    /// </summary>
    internal static WebApplication BuildServices(string[] settings, bool withAccounts = false)
    {
        var builder = WebApplication.CreateBuilder(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A failed query is reported once, in one sentence, by the command itself.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.AddData();
        if (withAccounts)
        {
            builder.Services.AddSingleton(TimeProvider.System);
            builder.AddDataProtectionKeys();
            builder.Services.AddOrganiserAccounts(builder.Configuration);
        }
        return builder.Build();
    }
}
