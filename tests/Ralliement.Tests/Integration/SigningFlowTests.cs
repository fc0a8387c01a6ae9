using System.Net;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

[BothDatabases]
public sealed class SigningFlowTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    [Fact]
    public async Task A_signer_signs_confirms_and_appears_in_the_count_and_the_public_list()
    {
        var email = RalliementApp.UniqueEmail("ines");
        var before = await app.PublicCountAsync();

        var signed = await app.SignAsync(RalliementApp.Form(email, firstName: "Inès", lastName: "Martin"));
        Assert.True(signed.StatusCode == HttpStatusCode.SeeOther, await signed.Content.ReadAsStringAsync());
        Assert.Equal($"/fr/c/{RalliementApp.Slug}/check-your-inbox", signed.Headers.Location?.OriginalString);
        using (var client = app.Browser())
        {
            var next = await client.GetAsync(signed.Headers.Location);
            Assert.Equal(HttpStatusCode.OK, next.StatusCode);
            Assert.Contains("Vérifiez votre boîte de réception", await next.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        Assert.Equal(before, await app.PublicCountAsync());

        var mail = await app.EmailToAsync(email);
        Assert.Contains("/fr/confirm/", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/fr/withdraw/", mail.TextBody, StringComparison.Ordinal);

        var confirmed = await app.ConfirmAsync(mail);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var page = await confirmed.Content.ReadAsStringAsync();
        Assert.Contains("votre signature est confirmée", page, StringComparison.Ordinal);
        Assert.Contains("/fr/withdraw/", page, StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.PublicCountAsync());
        Assert.Contains("Inès Martin", await app.PublicListAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signer_who_withdraws_is_erased_and_no_longer_counted()
    {
        var email = RalliementApp.UniqueEmail("walid");
        await app.SignAsync(RalliementApp.Form(email, firstName: "Walid", lastName: "Retrait"));
        var mail = await app.EmailToAsync(email);
        await app.ConfirmAsync(mail);
        var confirmedCount = await app.PublicCountAsync();

        using (var client = app.Browser())
        {
            // Opening the link (as a mail scanner does) changes nothing.
            var withdrawPage = await client.GetAsync(RalliementApp.LinkIn(mail, "withdraw"));
            Assert.Equal(HttpStatusCode.OK, withdrawPage.StatusCode);
            Assert.Equal(confirmedCount, await app.PublicCountAsync());
        }

        var withdrawn = await app.WithdrawAsync(mail);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Contains("Votre signature a été retirée", await withdrawn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(confirmedCount - 1, await app.PublicCountAsync());
        Assert.DoesNotContain("Walid Retrait", await app.PublicListAsync(), StringComparison.Ordinal);

        var stored = await app.WithDbAsync(db => Task.FromResult(db.Signatures.Where(s => s.WithdrawnAt != null).ToList()));
        Assert.All(stored, s => Assert.True(s.FirstName is null && s.LastName is null && s.SealedEmail is null && s.EmailKey is null && s.EmailDomain is null && s.Institution is null));

        using var again = app.Browser();
        Assert.Equal(HttpStatusCode.NotFound, (await again.GetAsync(RalliementApp.LinkIn(mail, "withdraw"))).StatusCode);
    }

    [Fact]
    public async Task Withdrawing_without_the_pages_antiforgery_token_is_refused_and_changes_nothing()
    {
        var email = RalliementApp.UniqueEmail("csrf");
        await app.SignAsync(RalliementApp.Form(email));
        var mail = await app.EmailToAsync(email);
        await app.ConfirmAsync(mail);
        var count = await app.PublicCountAsync();

        using var client = app.Browser();
        var forged = await client.PostAsync(RalliementApp.LinkIn(mail, "withdraw"), new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(count, await app.PublicCountAsync());
    }

    [Fact]
    public async Task Opening_a_confirmation_link_twice_counts_the_signature_once()
    {
        var email = RalliementApp.UniqueEmail("twice");
        await app.SignAsync(RalliementApp.Form(email));
        var mail = await app.EmailToAsync(email);
        var before = await app.PublicCountAsync();

        await app.ConfirmAsync(mail);
        var second = await app.ConfirmAsync(mail);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("déjà confirmée", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await app.PublicCountAsync());
    }

    [Fact]
    public async Task A_signer_who_hides_their_name_is_counted_but_not_listed()
    {
        var email = RalliementApp.UniqueEmail("discreet");
        await app.SignAsync(RalliementApp.Form(email, firstName: "Discrète", lastName: "Personne", showPublicly: false));
        var before = await app.PublicCountAsync();
        await app.ConfirmAsync(await app.EmailToAsync(email));

        Assert.Equal(before + 1, await app.PublicCountAsync());
        Assert.DoesNotContain("Discrète Personne", await app.PublicListAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_English_sends_the_email_in_English_with_English_links()
    {
        var email = RalliementApp.UniqueEmail("english");
        await app.SignAsync(RalliementApp.Form(email), language: "en");
        var mail = await app.EmailToAsync(email);

        Assert.StartsWith("Confirm your signature", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("/en/confirm/", mail.TextBody, StringComparison.Ordinal);
        var confirmed = await app.ConfirmAsync(mail);
        Assert.Contains("Thank you, your signature is confirmed", await confirmed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_with_markup_is_shown_as_text()
    {
        var email = RalliementApp.UniqueEmail("markup");
        await app.SignAsync(RalliementApp.Form(email, firstName: "<script>alert(1)</script>", lastName: "<b>Gras</b>"));
        await app.ConfirmAsync(await app.EmailToAsync(email));

        var list = await app.PublicListAsync();
        Assert.DoesNotContain("<script>alert(1)</script>", list, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>Gras</b>", list, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &lt;b&gt;Gras&lt;/b&gt;", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_public_list_finds_a_signer_by_name_without_accents_or_case()
    {
        var email = RalliementApp.UniqueEmail("search");
        await app.SignAsync(RalliementApp.Form(email, firstName: "Zoé", lastName: "Ézéchiel-Unique"));
        await app.ConfirmAsync(await app.EmailToAsync(email));

        Assert.Contains("Zoé Ézéchiel-Unique", await app.PublicListAsync(query: "?q=ezechiel-UNIQUE"), StringComparison.Ordinal);
        Assert.DoesNotContain("Zoé Ézéchiel-Unique", await app.PublicListAsync(query: "?q=nobody-by-that-name"), StringComparison.Ordinal);
    }
}
