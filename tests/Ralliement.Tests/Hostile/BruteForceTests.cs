using System.Net;
using System.Text.RegularExpressions;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// Guessing an organiser's password: after five failures the right one is refused too, and the answer
/// is the very page a wrong password gets, so that a guesser learns neither the password nor that the
/// account is locked (OrganiserAccessTests checks that the lock ends).
/// </summary>
public sealed partial class BruteForceTests
{
    [Fact]
    public async Task After_five_failures_the_right_password_gets_the_same_refusal_as_a_wrong_one()
    {
        using var app = new RalliementApp();
        app.Settings["Organisers:LockoutDuration"] = "00:15:00";
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        using var client = app.Browser();

        var wrong = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            wrong.Add(await AnswerAsync(await RalliementApp.LogInAsync(client, email, $"mauvais mot de passe {i}"), email));
        }
        var right = await AnswerAsync(await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword), email);
        using var elsewhere = app.Browser();
        var rightFromElsewhere = await AnswerAsync(await RalliementApp.LogInAsync(elsewhere, email, RalliementApp.TestPassword), email);

        Assert.StartsWith("422", wrong[0], StringComparison.Ordinal);
        Assert.All(wrong, answer => Assert.Equal(wrong[0], answer));
        Assert.Equal(wrong[0], right);
        Assert.Equal(wrong[0], rightFromElsewhere);
        using var probe = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await probe.GetAsync($"/fr/organiser/{RalliementApp.DemoOrganisation}")).StatusCode);
    }

    private static async Task<string> AnswerAsync(HttpResponseMessage response, string email) =>
        $"{(int)response.StatusCode} {response.Headers.Location} " +
        Token().Replace(await response.Content.ReadAsStringAsync(), "").Replace(email, "ADDRESS", StringComparison.Ordinal);

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]+""")]
    private static partial Regex Token();
}
