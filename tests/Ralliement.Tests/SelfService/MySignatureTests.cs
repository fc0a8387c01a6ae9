using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Signing;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.SelfService;

public sealed class MySignatureTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_page_shows_what_is_stored_and_the_download_holds_it()
    {
        var email = RalliementApp.UniqueEmail("reader");
        await _app.SignAndConfirmAsync(email, news: true, firstName: "Inès", lastName: "<b>Ndiaye</b>");
        var link = await _app.LinkToMySignatureAsync(email);
        using var browser = _app.Browser();

        var response = await browser.GetAsync(link);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\">", page, StringComparison.Ordinal);
        Assert.Contains("Inès", page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;Ndiaye&lt;/b&gt;", page, StringComparison.Ordinal);
        Assert.Contains("Université de Test", page, StringComparison.Ordinal);
        Assert.Contains(email, page, StringComparison.Ordinal);
        Assert.Contains("vous avez accepté de recevoir des nouvelles", page, StringComparison.Ordinal);
        Assert.Contains("Confirmée et comptée", page, StringComparison.Ordinal);
        Assert.Contains("Version 1", page, StringComparison.Ordinal);
        Assert.Contains($"/fr/c/{RalliementApp.Slug}/versions", page, StringComparison.Ordinal);
        Assert.Contains($"Formulation «&#x202F;{ConsentWording.Current}&#x202F;»", page, StringComparison.Ordinal);
        var commitment = await _app.WithDbAsync(db => db.Set<CommitmentLabel>().Where(l => l.Language == "fr")
            .Join(db.Set<SignatureCommitment>(), l => l.CommitmentId, c => c.CommitmentId, (l, c) => l.Text).FirstAsync());
        Assert.Contains(commitment, WebUtility.HtmlDecode(page), StringComparison.Ordinal);

        var download = await SelfServiceSteps.PressAsync(browser, link, "Download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.True(download.Headers.CacheControl?.NoStore);
        using var json = JsonDocument.Parse(await download.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(await _app.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).Select(c => c.Organisation.Name).SingleAsync()),
            WebUtility.HtmlDecode(Regex.Match(page, "de la part de ([^<]+)</li>").Groups[1].Value));
        Assert.DoesNotContain("{0}", page, StringComparison.Ordinal);
        Assert.Equal("Inès", root.GetProperty("firstName").GetString());
        Assert.Equal("<b>Ndiaye</b>", root.GetProperty("lastName").GetString());
        Assert.Equal(email, root.GetProperty("email").GetString());
        Assert.Equal("Confirmée et comptée", root.GetProperty("state").GetString());
        Assert.EndsWith($"/fr/c/{RalliementApp.Slug}", root.GetProperty("campaign").GetProperty("address").GetString(), StringComparison.Ordinal);
        Assert.Equal(await _app.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).SelectMany(c => c.Texts).Where(t => t.Language == "fr").Select(t => t.Title).SingleAsync()),
            root.GetProperty("campaign").GetProperty("title").GetString());
        foreach (var technical in new[] { "id", "slug", "searchText", "emailKey", "token", "holdReason" })
        {
            Assert.False(root.TryGetProperty(technical, out _), technical);
        }
        Assert.DoesNotContain("{0}", root.GetProperty("consent").GetProperty("wording").ToString(), StringComparison.Ordinal);
        Assert.True(root.GetProperty("acceptsNews").GetBoolean());
        Assert.Equal(commitment, root.GetProperty("commitments")[0].GetString());
        Assert.Equal(ConsentWording.Current, root.GetProperty("consent").GetProperty("version").GetString());
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2025-01", false)]
    public async Task A_signature_recorded_under_a_wording_that_differs_only_in_typography_still_shows_its_consents(string version, bool shown)
    {
        var email = RalliementApp.UniqueEmail("earlier");
        await _app.SignAndConfirmAsync(email);
        await _app.WithDbAsync(db => db.Signatures.Where(x => x.State == SignatureState.Confirmed)
            .ExecuteUpdateAsync(x => x.SetProperty(y => y.ConsentVersion, version)));
        using var browser = _app.Browser();

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(await _app.LinkToMySignatureAsync(email)));

        Assert.Contains(version, page, StringComparison.Ordinal);
        Assert.Equal(shown, page.Contains("de la part de", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_news_the_address_is_only_a_keyed_hash_and_not_in_the_download()
    {
        var email = RalliementApp.UniqueEmail("hashed");
        await _app.SignAndConfirmAsync(email);
        var link = await _app.LinkToMySignatureAsync(email);
        using var browser = _app.Browser();

        var page = await browser.GetStringAsync(link);
        var download = await SelfServiceSteps.PressAsync(browser, link, "Download");

        Assert.Contains("seule une empreinte chiffrée", page, StringComparison.Ordinal);
        Assert.DoesNotContain(email, page, StringComparison.OrdinalIgnoreCase);
        var json = await download.Content.ReadAsStringAsync();
        Assert.DoesNotContain(email, json, StringComparison.OrdinalIgnoreCase);
        using var parsed = JsonDocument.Parse(json);
        Assert.StartsWith("Non conservée", parsed.RootElement.GetProperty("emailKept").GetString(), StringComparison.Ordinal);
    }

    [BothDatabases]
    [Fact]
    public async Task Withdrawing_lowers_the_count_and_erases_the_personal_data()
    {
        var email = RalliementApp.UniqueEmail("withdraws");
        await _app.SignAndConfirmAsync(email, news: true);
        var link = await _app.LinkToMySignatureAsync(email);
        var count = await _app.PublicCountAsync();
        using var browser = _app.Browser();

        var response = await SelfServiceSteps.PressAsync(browser, link, "Withdraw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadAsStringAsync();
        Assert.Contains("Votre signature est retirée", answer, StringComparison.Ordinal);
        Assert.Contains("Elle n’est plus comptée", answer, StringComparison.Ordinal);
        Assert.Equal(count - 1, await _app.PublicCountAsync());
        var row = await _app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.WithdrawnAt != null));
        Assert.Equal(SignatureState.Withdrawn, row.State);
        Assert.Null(row.FirstName);
        Assert.Null(row.SealedEmail);
        Assert.Null(row.EmailKey);
        Assert.False(row.AcceptsNews);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).StatusCode);
    }

    [BothDatabases]
    [Fact]
    public async Task Erasing_lowers_the_count_and_leaves_no_row()
    {
        var email = RalliementApp.UniqueEmail("erases");
        await _app.SignAndConfirmAsync(email, news: true);
        var link = await _app.LinkToMySignatureAsync(email);
        var count = await _app.PublicCountAsync();
        var id = await _app.WithDbAsync(db => db.Signatures.Where(s => s.EmailKey == _app.KeyOf(email)).Select(s => s.Id).SingleAsync());
        using var browser = _app.Browser();

        var response = await SelfServiceSteps.PressAsync(browser, link, "Erase");

        Assert.Contains("Votre signature est effacée", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(count - 1, await _app.PublicCountAsync());
        Assert.Equal(count - 1, await _app.SignatureCountAsync());
        Assert.False(await _app.WithDbAsync(db => db.Signatures.AnyAsync(s => s.Id == id)));
        Assert.False(await _app.WithDbAsync(db => db.Set<SignatureCommitment>().AnyAsync(c => c.SignatureId == id)));
        Assert.False(await _app.WithDbAsync(db => db.ConfirmationTokens.AnyAsync(t => t.SignatureId == id)));
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync(link)).StatusCode);
    }

    [BothDatabases]
    [Fact]
    public async Task Stopping_news_drops_the_kept_address()
    {
        var email = RalliementApp.UniqueEmail("news");
        await _app.SignAndConfirmAsync(email, news: true);
        var link = await _app.LinkToMySignatureAsync(email);
        using var browser = _app.Browser();

        var response = await SelfServiceSteps.PressAsync(browser, link, "StopNews");

        Assert.Contains("Vous ne recevrez plus de nouvelles", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var row = await _app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.EmailKey == _app.KeyOf(email)));
        Assert.False(row.AcceptsNews);
        Assert.Null(row.SealedEmail);
        Assert.Equal(SignatureState.Confirmed, row.State);
    }

    [Fact]
    public async Task An_expired_or_unknown_link_is_a_clear_404_and_a_post_without_token_is_refused()
    {
        var email = RalliementApp.UniqueEmail("expires");
        await _app.SignAndConfirmAsync(email);
        var link = await _app.LinkToMySignatureAsync(email);
        using var browser = _app.Browser();
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(link)).StatusCode);
        var count = await _app.PublicCountAsync();

        var forged = await browser.PostAsync($"{link}?handler=Erase", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(count, await _app.PublicCountAsync());

        _app.Clock.Advance(TimeSpan.FromHours(25));
        var expired = await browser.GetAsync(link);
        Assert.Equal(HttpStatusCode.NotFound, expired.StatusCode);
        Assert.Contains("Ce lien n’est plus valable", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknown = await browser.GetAsync("/en/my-signature/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("This link no longer works", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The state line of every state, each alone; the hold reason only while held; a count that goes down only if it was counted.</summary>
    [Theory]
    [InlineData(SignatureState.Pending, "En attente de confirmation par e-mail")]
    [InlineData(SignatureState.Confirmed, "Confirmée et comptée")]
    [InlineData(SignatureState.Held, "Confirmée, en attente d’un modérateur")]
    [InlineData(SignatureState.Rejected, "Refusée par les modérateurs")]
    public async Task The_page_states_the_signature_once_with_only_the_explanations_that_apply(SignatureState state, string line)
    {
        var email = RalliementApp.UniqueEmail("state");
        var id = await _app.SignatureAsync(state, email);
        // Every one was held once for a missing proof of work: a confirmed one was approved since.
        await _app.WithDbAsync(db => db.Signatures.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.HoldReason, HoldReason.NoProofOfWork)));
        var link = await _app.LinkToMySignatureAsync(email);
        using var browser = _app.Browser();

        var page = WebUtility.HtmlDecode(await browser.GetStringAsync(link));

        string[] lines = ["En attente de confirmation par e-mail", "Confirmée et comptée", "Confirmée, en attente d’un modérateur", "Refusée par les modérateurs"];
        Assert.Equal([line], lines.Where(l => page.Contains(l, StringComparison.Ordinal)));
        Assert.Equal(state == SignatureState.Pending, page.Contains("Ouvrez le lien de l’e-mail de confirmation", StringComparison.Ordinal));
        Assert.Equal(state == SignatureState.Held, page.Contains("Pourquoi elle attend un modérateur", StringComparison.Ordinal));
        Assert.Equal(state == SignatureState.Held, page.Contains("Envoyée sans le calcul de vérification", StringComparison.Ordinal));
        Assert.Equal(state == SignatureState.Confirmed, page.Contains("le compte baisse d’une signature", StringComparison.Ordinal));
        Assert.Equal(state != SignatureState.Confirmed, page.Contains("elle n’était pas comptée, le compte ne change pas", StringComparison.Ordinal));

        var erased = WebUtility.HtmlDecode(await (await SelfServiceSteps.PressAsync(browser, link, "Erase")).Content.ReadAsStringAsync());
        Assert.Equal(state == SignatureState.Confirmed, erased.Contains("Elle n’est plus comptée", StringComparison.Ordinal));
        Assert.Equal(state != SignatureState.Confirmed, erased.Contains("elle n’était pas comptée, le compte n’a pas changé", StringComparison.Ordinal));
    }
}
