using System.Net;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

public sealed class OrganiserAccessTests
{
    [Fact]
    public async Task An_organiser_signs_in_and_sees_their_organisation()
    {
        using var app = new RalliementApp();
        using var client = await app.SignedInAsync(OrganisationRole.Editor);

        var dashboard = await client.GetStringAsync("/fr/organiser");
        Assert.Contains("/fr/organiser/collectif-demo", dashboard, StringComparison.Ordinal);
        var home = await client.GetAsync("/en/organiser/collectif-demo");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Your role: editor", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_visitor_is_sent_to_the_login_page()
    {
        using var app = new RalliementApp();
        using var client = app.Browser();

        var response = await client.GetAsync("/en/organiser/collectif-demo");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/en/organiser/login?returnUrl=%2Fen%2Forganiser%2Fcollectif-demo", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Another_organisation_is_not_found_rather_than_forbidden()
    {
        using var app = new RalliementApp();
        await app.OrganisationAsync("autre-collectif");
        using var client = await app.SignedInAsync(OrganisationRole.Owner);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fr/organiser/autre-collectif")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fr/organiser/nulle-part")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_answer()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        using var client = app.Browser();

        var unknownEmail = email.Replace("owner.", "nobody.", StringComparison.Ordinal);
        var wrongPassword = await RalliementApp.LogInAsync(client, email, "pas le bon mot de passe");
        var unknown = await RalliementApp.LogInAsync(client, unknownEmail, "pas le bon mot de passe");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Equal(
            Normalise(await wrongPassword.Content.ReadAsStringAsync()).Replace(email, "", StringComparison.Ordinal),
            Normalise(await unknown.Content.ReadAsStringAsync()).Replace(unknownEmail, "", StringComparison.Ordinal));
    }

    [Slow]
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        using var app = new RalliementApp();
        app.Settings["Organisers:LockoutDuration"] = "00:00:02";
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        using var client = app.Browser();

        for (var i = 0; i < 5; i++)
        {
            await RalliementApp.LogInAsync(client, email, $"mauvais mot de passe {i}");
        }
        var right = await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, right.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword)).StatusCode);
    }

    /// <summary>The antiforgery token differs between two pages; the rest must not.</summary>
    private static string Normalise(string page) =>
        System.Text.RegularExpressions.Regex.Replace(page, @"name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]+""", "");
}
