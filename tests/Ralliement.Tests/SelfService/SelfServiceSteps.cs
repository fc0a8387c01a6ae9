using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.SelfService;

/// <summary>What a signer does to reach their own page: ask for the link, open it, press its buttons.</summary>
internal static partial class SelfServiceSteps
{
    public static async Task<HttpResponseMessage> AskForLinkAsync(this RalliementApp app, string email, string language = "fr")
    {
        using var client = app.Browser();
        return await client.PostAsync($"/{language}/c/{RalliementApp.Slug}/my-signature", new FormUrlEncodedContent([new("Email", email)]));
    }

    /// <summary>Signs with a commitment ticked, confirms, and returns the first commitment's id.</summary>
    public static async Task<int> SignAndConfirmAsync(this RalliementApp app, string email, bool news = false, string firstName = "Ana", string lastName = "Lopes")
    {
        var commitment = await app.WithDbAsync(db => db.Commitments.Where(c => db.Campaigns.Any(x => x.Id == c.CampaignId && x.Slug == RalliementApp.Slug))
            .OrderBy(c => c.Position).Select(c => c.Id).FirstAsync());
        var form = RalliementApp.Form(email, firstName, lastName);
        form["Commitments"] = commitment.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (news)
        {
            form["AcceptsNews"] = "true";
        }
        Assert.Equal(HttpStatusCode.SeeOther, (await app.SignAsync(form)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.ConfirmAsync(await app.EmailToAsync(email))).StatusCode);
        return commitment;
    }

    /// <summary>Asks for the link (past the repeat interval) and returns the path it opens.</summary>
    public static async Task<string> LinkToMySignatureAsync(this RalliementApp app, string email, string language = "fr")
    {
        var before = app.EmailsTo(email).Count;
        app.Clock.Advance(TimeSpan.FromMinutes(6));
        Assert.Equal(HttpStatusCode.OK, (await app.AskForLinkAsync(email, language)).StatusCode);
        return LinkIn(await app.EmailToAsync(email, before + 1));
    }

    /// <summary>Waits for an email carrying a link to the signer's page.</summary>
    public static async Task<MimeMessage> LinkMailToAsync(this RalliementApp app, string email)
    {
        for (var i = 0; i < 150; i++)
        {
            if (app.EmailsTo(email).FirstOrDefault(m => (m.TextBody ?? "").Contains("/my-signature/", StringComparison.Ordinal)) is { } mail)
            {
                return mail;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No link to the signer's page arrived for {email}.");
    }

    public static string LinkIn(MimeMessage email) => RalliementApp.LinkIn(email, "my-signature");

    /// <summary>Presses one of the page's buttons, with the page's antiforgery token, in the same browser.</summary>
    public static async Task<HttpResponseMessage> PressAsync(HttpClient browser, string link, string handler)
    {
        var page = await browser.GetStringAsync(link);
        var token = RalliementApp.AntiforgeryToken(page);
        return await browser.PostAsync($"{link}?handler={handler}", new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
    }

    /// <summary>The request page's answer without what may differ between two renderings of one page.</summary>
    public static string Stable(string body) => Nonce().Replace(body, "");

    [GeneratedRegex(@"nonce=""[^""]*""")]
    private static partial Regex Nonce();
}
