using System.CommandLine;
using System.Data.Common;
using Ralliement.Demo;
using Ralliement.Organisers;

namespace Ralliement.Admin;

/// <summary><c>Ralliement organiser create</c>: the first owner of an organisation, who has nobody to invite them.</summary>
internal static class CreateOrganiserCommand
{
    public static Command Create(AdminConsole console)
    {
        var email = new Argument<string>("email") { Description = "The organiser's sign-in address." };
        var organisation = new Option<string>("--organisation") { Description = "The organisation's slug (as in its addresses).", Required = true };
        var name = new Option<string>("--name") { Description = "The organisation's name: creates the organisation when the slug is new." };
        var create = new Command("create", """
            Makes <email> an owner of the organisation (created, with --name, when new) and prints a
            one-time link where they choose their password, valid 2 days.
            """) { email, organisation, name };
        create.SetAction((parse, _) => RunAsync(parse.GetValue(email)!, parse.GetValue(organisation)!, parse.GetValue(name),
            AdminCommandLine.SettingsOf(parse), console));
        return new Command("organiser", "Creates the first owner of an organisation.") { create };
    }

    private static async Task<int> RunAsync(string email, string slug, string? name, string[] settings, AdminConsole console)
    {
        var errors = console.Errors;
        try
        {
            await using var host = AdminHost.BuildServices(settings, withAccounts: true);
            await host.Services.MigrateDatabaseAsync();
            // The database the site would open on, demo included, so the demo organisation can be named.
            await host.Services.SeedDemoAsync();
            await using var scope = host.Services.CreateAsyncScope();
            var result = await ActivatorUtilities.CreateInstance<CreateOrganiser>(scope.ServiceProvider)
                .HandleAsync(email, slug, name, CancellationToken.None);
            if (result.Error is not null)
            {
                await errors.WriteLineAsync(result.Error);
                return AdminCommandLine.WrongArguments;
            }
            await using var output = new StreamWriter(console.OpenOutput());
            await output.WriteLineAsync(result.SetUpLink);
            await errors.WriteLineAsync($"{email} is an owner of '{slug}'{(result.OrganisationCreated ? " (organisation created)" : "")}. The link above lets them choose a password once, within 2 days.");
            return AdminCommandLine.Done;
        }
        catch (Exception exception) when (exception is DbException or IOException or InvalidOperationException)
        {
            await errors.WriteLineAsync($"Could not create the organiser: {exception.Message}");
            return AdminCommandLine.Failed;
        }
    }
}
