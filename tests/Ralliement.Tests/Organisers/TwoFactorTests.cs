using System.Net;
using System.Text.RegularExpressions;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

public sealed partial class TwoFactorTests
{
    private const string Page = "/fr/organiser/account/two-factor";

    /// <summary>Turns two-factor on as a person does: reads the key on the page, types the app's code; returns the key and recovery codes.</summary>
    private static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnableAsync(HttpClient client)
    {
        var page = await client.GetStringAsync(Page);
        Assert.Contains("src=\"data:image/png;base64,", page, StringComparison.Ordinal);
        var key = KeyOnPage().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);

        var enabled = await RalliementApp.PostFormAsync(client, Page + "?handler=enable", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) }, Page);

        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var codes = RecoveryCodes().Matches(await enabled.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    private static async Task PasswordStepAsync(HttpClient client, string email)
    {
        var response = await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/fr/organiser/login/two-factor", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organiser_turns_on_two_factor_and_then_signs_in_with_a_code_from_their_app()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Editor);
        using var client = app.Browser();
        await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);
        var (key, _) = await EnableAsync(client);
        Assert.True(await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).TwoFactorEnabled)));

        using var later = app.Browser();
        await PasswordStepAsync(later, email);
        Assert.Equal(HttpStatusCode.Redirect, (await later.GetAsync("/fr/organiser")).StatusCode);
        var wrong = await RalliementApp.PostFormAsync(later, "/fr/organiser/login/two-factor", new() { ["Code"] = WrongCode(Totp.Code(key, DateTimeOffset.UtcNow)) });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        var signedIn = await RalliementApp.PostFormAsync(later, "/fr/organiser/login/two-factor", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) });

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/fr/organiser", signedIn.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await later.GetAsync("/fr/organiser")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_first_code_does_not_turn_two_factor_on()
    {
        using var app = new RalliementApp();
        using var client = await app.SignedInAsync(OrganisationRole.Moderator);
        await client.GetStringAsync(Page);

        var refused = await RalliementApp.PostFormAsync(client, Page + "?handler=enable", new() { ["Code"] = "12345" }, Page);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.TwoFactorEnabled))));
    }

    [Fact]
    public async Task A_recovery_code_signs_in_once()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        using var client = app.Browser();
        await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);
        var (_, codes) = await EnableAsync(client);

        using var first = app.Browser();
        await PasswordStepAsync(first, email);
        var used = await RalliementApp.PostFormAsync(first, "/fr/organiser/login/recovery", new() { ["Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.Redirect, used.StatusCode);
        Assert.Contains("Codes de secours restants&#x202F;: 9.", await first.GetStringAsync(Page), StringComparison.Ordinal);

        using var second = app.Browser();
        await PasswordStepAsync(second, email);
        var again = await RalliementApp.PostFormAsync(second, "/fr/organiser/login/recovery", new() { ["Code"] = codes[3] });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(second, "/fr/organiser/login/recovery", new() { ["Code"] = codes[4] })).StatusCode);
    }

    [Fact]
    public async Task New_recovery_codes_replace_the_old_ones_and_turning_off_asks_for_the_password()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        using var client = app.Browser();
        await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);
        var (_, old) = await EnableAsync(client);

        var regenerated = await RalliementApp.PostFormAsync(client, Page + "?handler=codes", [], Page);
        var fresh = RecoveryCodes().Matches(await regenerated.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, fresh.Count);
        Assert.Empty(fresh.Intersect(old));

        var refused = await RalliementApp.PostFormAsync(client, Page + "?handler=disable", new() { ["Password"] = "pas le bon mot de passe" }, Page);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var disabled = await RalliementApp.PostFormAsync(client, Page + "?handler=disable", new() { ["Password"] = RalliementApp.TestPassword }, Page);
        Assert.Equal(HttpStatusCode.OK, disabled.StatusCode);

        using var later = app.Browser();
        Assert.Equal("/fr/organiser", (await RalliementApp.LogInAsync(later, email, RalliementApp.TestPassword)).Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_password_reset_link_still_asks_for_the_code()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        using var client = app.Browser();
        await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);
        var (key, _) = await EnableAsync(client);

        using var other = app.Browser();
        await RalliementApp.PostFormAsync(other, "/fr/organiser/forgot-password", new() { ["Email"] = email });
        var link = new Uri(RalliementApp.SetUpLink().Match((await app.EmailToAsync(email)).TextBody ?? "").Value).PathAndQuery;
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        const string password = "la rivière coule sous le vieux pont";
        var reset = await RalliementApp.PostFormAsync(other, link, new() { ["Id"] = query["id"]!, ["Token"] = query["token"]!, ["Password"] = password, ["Confirmation"] = password });

        Assert.Equal("/fr/organiser/login/two-factor", reset.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/fr/organiser")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.PostFormAsync(other, "/fr/organiser/login/two-factor", new() { ["Code"] = Totp.Code(key, DateTimeOffset.UtcNow) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/fr/organiser")).StatusCode);
    }

    [Fact]
    public async Task The_code_pages_send_a_visitor_without_a_password_step_back_to_the_login()
    {
        using var app = new RalliementApp();
        using var client = app.Browser();

        foreach (var path in new[] { "/fr/organiser/login/two-factor", "/en/organiser/login/recovery" })
        {
            var response = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.EndsWith("/organiser/login", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        }
    }

    private static string WrongCode(string code) =>
        ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"<code class=""key"">([a-z2-7 ]+)</code>")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex(@"<li><code>([A-Za-z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCodes();
}
