using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

public sealed class BadInputTests(RalliementApp app) : IClassFixture<RalliementApp>
{
    private async Task<int> StoredSignaturesAsync() => await app.WithDbAsync(db => db.Signatures.CountAsync());

    private async Task<string> RefusedAsync(Dictionary<string, string> form, string language = "fr")
    {
        var stored = await StoredSignaturesAsync();
        var response = await app.SignAsync(form, language);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(stored, await StoredSignaturesAsync());
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task An_empty_form_lists_every_missing_field_in_the_pages_language()
    {
        var french = await RefusedAsync([]);
        Assert.Contains("Le formulaire contient des erreurs", french, StringComparison.Ordinal);
        Assert.Contains("<span class=\"error\" id=\"f-FirstName-error\">Ce champ est obligatoire.</span>", french, StringComparison.Ordinal);
        Assert.Contains("id=\"f-LastName-error\"", french, StringComparison.Ordinal);
        Assert.Contains("id=\"f-Email-error\"", french, StringComparison.Ordinal);
        Assert.Contains("Votre accord est nécessaire", french, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#f-FirstName\">Prénom&#x202F;: Ce champ est obligatoire.</a>", french, StringComparison.Ordinal);

        var english = await RefusedAsync([], "en");
        Assert.Contains("There is a problem with the form", english, StringComparison.Ordinal);
        Assert.Contains("Your consent is needed", english, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#f-Email\">Email address: This field is required.</a>", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_name_of_ten_thousand_characters_is_refused_not_truncated()
    {
        var form = RalliementApp.Form(RalliementApp.UniqueEmail(), firstName: new string('a', 10_000));
        var page = await RefusedAsync(form);
        Assert.Contains("ne peut pas dépasser 100 caractères", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("ana@")]
    [InlineData("@example.org")]
    [InlineData("ana@example")]
    [InlineData("ana..lopes@example.org")]
    [InlineData("Ana <ana@example.org>")]
    [InlineData("ana@exa mple.org")]
    public async Task A_malformed_address_is_refused_with_an_example(string email)
    {
        var page = await RefusedAsync(RalliementApp.Form(email));
        Assert.Contains("Saisissez une adresse e-mail valide", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("josé@exemple.fr")]
    [InlineData("ana@bücher.example")]
    [InlineData("ana+petition@xn--bcher-kva.example")]
    public async Task Internationalised_addresses_are_accepted(string email)
    {
        var response = await app.SignAsync(RalliementApp.Form(email.Replace("@", $".{Guid.NewGuid():N}@", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task Consent_is_required_and_not_assumed()
    {
        var form = RalliementApp.Form(RalliementApp.UniqueEmail());
        form.Remove("ConsentToProcessing");
        Assert.Contains("Votre accord est nécessaire", await RefusedAsync(form), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("-1")]
    public async Task A_commitment_that_the_campaign_does_not_offer_is_refused(string commitment)
    {
        var form = RalliementApp.Form(RalliementApp.UniqueEmail());
        form["Commitments"] = commitment;
        Assert.Contains("engagements cochés n’existe pas", await RefusedAsync(form), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nonsense_in_numeric_and_boolean_fields_is_never_a_server_error()
    {
        var fields = RalliementApp.Form(RalliementApp.UniqueEmail()).ToList();
        fields.Add(new("Commitments", "abc"));
        fields.Add(new("Commitments", "99999999999999999999"));
        fields.Add(new("ShowPublicly", "maybe"));
        var response = await app.SignAsync(fields);
        Assert.True((int)response.StatusCode is >= 300 and < 500, $"Got {(int)response.StatusCode}");
    }

    [Theory]
    [InlineData("Ana\u202Egnp.exe")]
    [InlineData("Ana\u0007Bell")]
    public async Task Control_and_direction_override_characters_are_refused(string name)
    {
        var page = await RefusedAsync(RalliementApp.Form(RalliementApp.UniqueEmail(), firstName: name));
        Assert.Contains("caractères de contrôle ou invisibles", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_that_cannot_be_read_gets_400_and_stores_nothing()
    {
        var stored = await StoredSignaturesAsync();
        var response = await app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail(), firstName: "Ana\u0000"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Requête incorrecte", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(stored, await StoredSignaturesAsync());
    }

    [Fact]
    public async Task A_body_over_64_kilobytes_gets_413_and_a_page_saying_so()
    {
        var form = RalliementApp.Form(RalliementApp.UniqueEmail());
        form["Padding"] = new string('x', 70 * 1024);
        var response = await app.SignAsync(form);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Envoi trop volumineux", page, StringComparison.Ordinal);
        Assert.Contains("(64 Ko)", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunked_body_over_64_kilobytes_gets_413()
    {
        using var client = app.Browser();
        var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes("FirstName=" + new string('x', 100 * 1024))));
        content.Headers.ContentType = new("application/x-www-form-urlencoded");
        var request = new HttpRequestMessage(HttpMethod.Post, $"/fr/c/{RalliementApp.Slug}/sign") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("application/json", "{\"FirstName\":\"Ana\"}")]
    [InlineData("text/plain", "FirstName=Ana")]
    [InlineData("multipart/form-data; boundary=broken", "--nope")]
    [InlineData("application/x-www-form-urlencoded", "%%%=%%%&&&=")]
    public async Task A_body_of_the_wrong_kind_gets_a_4xx_not_a_500(string contentType, string body)
    {
        using var client = app.Browser();
        var content = new StringContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        var response = await client.PostAsync($"/fr/c/{RalliementApp.Slug}/sign", content);

        Assert.InRange((int)response.StatusCode, 400, 499);
    }

    [Fact]
    public async Task Signing_an_unknown_campaign_is_a_404()
    {
        var response = await app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail()), slug: "no-such-campaign");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_form_never_lets_the_browser_cut_what_is_typed()
    {
        using var client = app.Browser();
        var page = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}/sign");
        Assert.DoesNotContain("maxlength", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_keeps_what_was_typed_when_it_shows_errors()
    {
        var form = RalliementApp.Form("broken-address", firstName: "Gardée");
        var page = await RefusedAsync(form);
        Assert.Contains("value=\"Gardée\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"broken-address\"", page, StringComparison.Ordinal);
    }
}
