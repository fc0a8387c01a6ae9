using System.Net;
using System.Text.RegularExpressions;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

public sealed class PasswordResetTests
{
    private const string NewPassword = "la rivière coule sous le vieux pont";

    private static Task<HttpResponseMessage> AskAsync(HttpClient client, string email, string language = "fr") =>
        RalliementApp.PostFormAsync(client, $"/{language}/organiser/forgot-password", new() { ["Email"] = email });

    /// <summary>Emails to the address, once the sender has sent everything queued so far.</summary>
    private static async Task<int> EmailsAsync(RalliementApp app, string email)
    {
        await app.WaitForQueuedEmailsAsync();
        return app.EmailsTo(email).Count;
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_from_the_emailed_link_which_works_once()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Editor);
        using var client = app.Browser();

        var asked = await AskAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var link = new Uri(RalliementApp.SetUpLink().Match((await app.EmailToAsync(email)).TextBody ?? "").Value).PathAndQuery;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(link)).StatusCode);
        var reset = await RalliementApp.PostFormAsync(client, link, SetUpForm(link));

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        using var later = app.Browser();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await RalliementApp.LogInAsync(later, email, RalliementApp.TestPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.LogInAsync(later, email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await later.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_page_and_no_email()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Editor);
        var unknown = RalliementApp.UniqueEmail("nobody");
        using var client = app.Browser();

        var known = await (await AskAsync(client, email, "en")).Content.ReadAsStringAsync();
        var other = await (await AskAsync(client, unknown, "en")).Content.ReadAsStringAsync();

        Assert.Equal(Normalise(known), Normalise(other));
        Assert.Contains("If an account exists for this address", other, StringComparison.Ordinal);
        Assert.Equal(0, await EmailsAsync(app, unknown));
    }

    [Fact]
    public async Task One_email_per_account_per_five_minutes()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Owner);
        using var client = app.Browser();

        await AskAsync(client, email);
        await app.EmailToAsync(email);
        await AskAsync(client, email);
        Assert.Equal(1, await EmailsAsync(app, email));

        app.Clock.Advance(TimeSpan.FromMinutes(5.5));
        await AskAsync(client, email);
        await app.EmailToAsync(email, 2);
    }

    [Fact]
    public async Task An_organiser_changes_their_password_with_the_current_one()
    {
        using var app = new RalliementApp();
        var email = await app.OrganiserAccountAsync(OrganisationRole.Moderator);
        using var client = app.Browser();
        await RalliementApp.LogInAsync(client, email, RalliementApp.TestPassword);
        const string page = "/en/organiser/account";

        var wrong = await RalliementApp.PostFormAsync(client, page, new() { ["CurrentPassword"] = "not my password at all", ["NewPassword"] = NewPassword, ["Confirmation"] = NewPassword });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        Assert.Contains("The current password is not right.", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var common = await RalliementApp.PostFormAsync(client, page, new() { ["CurrentPassword"] = RalliementApp.TestPassword, ["NewPassword"] = "short", ["Confirmation"] = "short" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, common.StatusCode);

        var changed = await RalliementApp.PostFormAsync(client, page, new() { ["CurrentPassword"] = RalliementApp.TestPassword, ["NewPassword"] = NewPassword, ["Confirmation"] = NewPassword });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
        using var later = app.Browser();
        Assert.Equal(HttpStatusCode.Redirect, (await RalliementApp.LogInAsync(later, email, NewPassword)).StatusCode);
    }

    private static Dictionary<string, string> SetUpForm(string link)
    {
        var query = System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + link).Query);
        return new() { ["Id"] = query["id"]!, ["Token"] = query["token"]!, ["DisplayName"] = "Camille", ["Password"] = NewPassword, ["Confirmation"] = NewPassword };
    }

    private static string Normalise(string page) =>
        Regex.Replace(page, @"name=""__RequestVerificationToken"" type=""hidden"" value=""[^""]+""", "");
}
