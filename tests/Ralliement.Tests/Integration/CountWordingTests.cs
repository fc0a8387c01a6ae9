using System.Net;
using System.Text.RegularExpressions;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>
/// Numbers next to nouns follow each language's rule: in French 0 and 1 take the singular, in
/// English only 1 does. A fresh server per case, so no cached page holds an earlier count.
/// </summary>
public sealed partial class CountWordingTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("fr", 0, "0 signature confirmée")]
    [InlineData("fr", 1, "1 signature confirmée")]
    [InlineData("fr", 2, "2 signatures confirmées")]
    [InlineData("en", 0, "0 confirmed signatures")]
    [InlineData("en", 1, "1 confirmed signature")]
    [InlineData("en", 2, "2 confirmed signatures")]
    public async Task The_public_count_agrees_with_its_number(string language, int count, string expected)
    {
        var campaign = await _app.DemoCampaignIdAsync();
        for (var i = await _app.SignatureCountAsync(campaign); i < count; i++)
        {
            await _app.SignatureAsync(SignatureState.Confirmed);
        }
        using var client = _app.Browser();

        var page = Text(await client.GetStringAsync($"/{language}/c/{RalliementApp.Slug}"));

        Assert.Contains(expected, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", 0, "0 nom masqué de la liste publique.")]
    [InlineData("fr", 1, "1 nom masqué de la liste publique.")]
    [InlineData("fr", 2, "2 noms masqués de la liste publique.")]
    [InlineData("en", 0, "0 names hidden from the public list.")]
    [InlineData("en", 1, "1 name hidden from the public list.")]
    [InlineData("en", 2, "2 names hidden from the public list.")]
    public async Task The_moderation_queue_tells_how_many_signatures_an_action_changed(string language, int changed, string expected)
    {
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var page = Text(await moderator.GetStringAsync($"/{language}/organiser/{RalliementApp.DemoOrganisation}/moderation?done=hide&changed={changed}"));

        Assert.Contains(expected, page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr", 1, "Ce lien est valable 1 jour et ne sert qu’une fois.")]
    [InlineData("fr", 2, "Ce lien est valable 2 jours et ne sert qu’une fois.")]
    [InlineData("en", 1, "This link works for 1 day and only once.")]
    [InlineData("en", 2, "This link works for 2 days and only once.")]
    public async Task The_confirmation_email_gives_its_lifetime_in_days_by_the_languages_rule(string language, int days, string expected)
    {
        _app.Settings["Signing:ConfirmationLifetime"] = TimeSpan.FromDays(days).ToString("c", System.Globalization.CultureInfo.InvariantCulture);
        var email = RalliementApp.UniqueEmail("days");

        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(RalliementApp.Form(email), language)).StatusCode);

        Assert.Contains(expected, (await _app.EmailToAsync(email)).TextBody, StringComparison.Ordinal);
    }

    /// <summary>The words a reader sees: tags dropped, entities decoded, every space one plain space.</summary>
    private static string Text(string html) =>
        Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"[\s\u00a0\u202f]+")]
    private static partial Regex Spaces();
}
