using System.Data.Common;
using Ralliement.Admin;
using Ralliement.Demo;

namespace Ralliement.Organisers;

/// <summary><c>Ralliement organiser create</c>: the first owner of an organisation, who has nobody to invite them.</summary>
public static class CreateOrganiserCommand
{
    public const string Usage = """
        Usage: Ralliement organiser create <email> --organisation <slug> [--name "Name"] [--Setting=value ...]
          Makes <email> an owner of the organisation (created, with --name, when new) and prints a
          one-time link where they choose their password.
        """;

    public static async Task<int> RunAsync(IReadOnlyList<string> args, Func<Stream> standardOutput, TextWriter errors)
    {
        if (args.Count < 3 || args[1] != "create" || args[2].StartsWith('-'))
        {
            await errors.WriteLineAsync(AdminCommands.Usage);
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
                    await errors.WriteLineAsync($"{args[i]} needs a value.\n\n" + AdminCommands.Usage);
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
            await errors.WriteLineAsync("--organisation is required.\n\n" + AdminCommands.Usage);
            return 2;
        }
        try
        {
            await using var host = AdminHost.BuildServices(settings.ToArray(), withAccounts: true);
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
}
