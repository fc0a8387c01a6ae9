using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ralliement.Admin;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

public sealed class CreateOrganiserCommandTests
{
    [Fact]
    public async Task The_link_printed_by_organiser_create_lets_the_first_owner_choose_a_password_once()
    {
        using var app = new RalliementApp();
        using var errors = new StringWriter();
        using var output = new MemoryStream();
        var email = RalliementApp.UniqueEmail("first-owner");

        var exit = await AdminCommands.RunAsync(
            ["organiser", "create", email, "--organisation", "nouveau-collectif", "--name", "Nouveau collectif", .. RalliementProcess.SettingsOf(app)],
            () => output, errors);

        Assert.Equal(0, exit);
        Assert.Contains("(organisation created)", errors.ToString(), StringComparison.Ordinal);
        var printed = Encoding.UTF8.GetString(output.ToArray()).Trim();
        var link = new Uri(RalliementApp.SetUpLink().Match(printed).Value).PathAndQuery;
        using var client = app.Browser();
        Assert.Contains(email, await client.GetStringAsync(link), StringComparison.Ordinal);
        var query = System.Web.HttpUtility.ParseQueryString(new Uri(printed).Query);
        var set = await RalliementApp.PostFormAsync(client, link, new()
        {
            ["Id"] = query["id"]!,
            ["Token"] = query["token"]!,
            ["DisplayName"] = "Première",
            ["Password"] = RalliementApp.TestPassword,
            ["Confirmation"] = RalliementApp.TestPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal("/fr/organiser/first-steps", set.Headers.Location!.OriginalString);
        // The owner's sign-in address is never the organisation's public contact.
        Assert.Null(await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == "nouveau-collectif").Select(o => o.ContactEmail).SingleAsync()));
        var steps = await client.GetStringAsync("/fr/organiser/first-steps");
        Assert.Contains("href=\"/fr/organiser/nouveau-collectif/settings#settings-contactemail\">Donner l’adresse de contact publique", steps, StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"done\"", steps, StringComparison.Ordinal);
        Assert.Contains("/fr/organiser/nouveau-collectif", await client.GetStringAsync("/fr/organiser"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/fr/organiser/nouveau-collectif/members")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Browser().GetAsync(link)).StatusCode);
    }
}
