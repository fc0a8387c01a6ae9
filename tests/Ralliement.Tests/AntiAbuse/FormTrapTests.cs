using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.AntiAbuse;

/// <summary>The honeypot field and the disposable email domains.</summary>
public sealed class FormTrapTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_filled_honeypot_gets_the_answer_of_a_signature_taken_but_nothing_is_kept_or_sent()
    {
        var email = RalliementApp.UniqueEmail("robot");
        var form = RalliementApp.Form(email);
        form["Comment"] = "https://spam.example/buy-now";

        var response = await _app.SignAsync(form);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal($"/fr/c/{RalliementApp.Slug}/check-your-inbox", response.Headers.Location?.OriginalString);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Signatures.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Outbox.CountAsync()));
        // A real signature after it is sent, so the sender has run; the robot's address got nothing.
        var human = RalliementApp.UniqueEmail("human");
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(RalliementApp.Form(human))).StatusCode);
        await _app.EmailToAsync(human);
        Assert.Empty(_app.EmailsTo(email));
    }

    [Fact]
    public async Task The_honeypot_is_on_the_form_hidden_from_sight_and_tabbing_with_a_label_for_people()
    {
        using var client = _app.Browser();
        foreach (var page in new[] { $"/fr/c/{RalliementApp.Slug}", $"/fr/c/{RalliementApp.Slug}/sign" })
        {
            var html = await client.GetStringAsync(page);
            Assert.Contains("<div class=\"trap\">", html, StringComparison.Ordinal);
            Assert.Contains("<label for=\"f-Comment\">Laissez ce champ vide (il sert à repérer les robots)</label>", html, StringComparison.Ordinal);
            Assert.Contains("name=\"Comment\" value=\"\" tabindex=\"-1\" autocomplete=\"off\"", html, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("fr", "ana@mailinator.com", "Les adresses jetables ne sont pas acceptées")]
    [InlineData("en", "ana@eu.mailinator.com", "Disposable addresses are not accepted")]
    [InlineData("fr", "ana@yopmail.com", "Les adresses jetables ne sont pas acceptées")]
    public async Task A_disposable_address_is_refused_with_a_message_on_its_field(string language, string email, string message)
    {
        var response = await _app.SignAsync(RalliementApp.Form(email), language);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains($"<span class=\"error\" id=\"f-Email-error\">{message}", page, StringComparison.Ordinal);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Signatures.CountAsync()));
    }

    [Fact]
    public async Task The_allowed_and_extra_settings_change_the_list()
    {
        _app.Settings["AntiAbuse:DisposableDomains:Allowed:0"] = "mailinator.com";
        _app.Settings["AntiAbuse:DisposableDomains:Extra:0"] = "throwaway.example.org";

        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(RalliementApp.Form($"{Guid.NewGuid():N}@mailinator.com"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _app.SignAsync(RalliementApp.Form($"{Guid.NewGuid():N}@throwaway.example.org"))).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await _app.SignAsync(RalliementApp.Form($"{Guid.NewGuid():N}@mx.throwaway.example.org"))).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail()))).StatusCode);
    }
}
