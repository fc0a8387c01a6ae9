using System.Net;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.SelfService;

public sealed class RequestLinkTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task The_answer_is_the_same_page_and_status_whatever_the_address_and_only_a_signed_address_gets_a_link()
    {
        var confirmed = RalliementApp.UniqueEmail("confirmed");
        var pending = RalliementApp.UniqueEmail("pending");
        var withdrawn = RalliementApp.UniqueEmail("withdrawn");
        var held = RalliementApp.UniqueEmail("held");
        var unknown = RalliementApp.UniqueEmail("unknown");
        await _app.SignAndConfirmAsync(confirmed);
        await _app.SignAsync(RalliementApp.Form(pending));
        await _app.SignAndConfirmAsync(withdrawn);
        await _app.WithdrawAsync(await _app.EmailToAsync(withdrawn));
        await _app.SignatureAsync(SignatureState.Held, held);
        await _app.EmailToAsync(pending);
        _app.Clock.Advance(TimeSpan.FromMinutes(6));

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var email in new[] { confirmed, pending, withdrawn, held, unknown })
        {
            var response = await _app.AskForLinkAsync(email);
            answers.Add((response.StatusCode, SelfServiceSteps.Stable(await response.Content.ReadAsStringAsync())));
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.Item1));
        Assert.Single(answers.Select(a => a.Item2).Distinct());
        Assert.Contains("Si cette adresse a signé ce texte, nous venons de lui envoyer un lien, valable 24&#xA0;heures.", answers[0].Item2, StringComparison.Ordinal);
        Assert.Contains("Si un e-mail lui a déjà été envoyé pour ce texte il y a moins de 5&#xA0;minutes, aucun autre ne part avant que ce délai soit écoulé",
            answers[0].Item2, StringComparison.Ordinal);
        Assert.DoesNotContain(confirmed, answers[0].Item2, StringComparison.OrdinalIgnoreCase);
        foreach (var signed in new[] { confirmed, pending, held })
        {
            await _app.LinkMailToAsync(signed);
        }
        // The outbox sends in order: by now, mail for the other two would have gone.
        Assert.DoesNotContain(_app.EmailsTo(withdrawn), m => (m.TextBody ?? "").Contains("/fr/my-signature/", StringComparison.Ordinal));
        Assert.Empty(_app.EmailsTo(unknown));
    }

    [BothDatabases]
    [Fact]
    public async Task The_link_goes_to_the_address_typed_again_in_the_signers_language_at_most_once_per_interval()
    {
        var email = RalliementApp.UniqueEmail("interval");
        var form = RalliementApp.Form(email);
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(form, language: "en")).StatusCode);
        await _app.ConfirmAsync(await _app.EmailToAsync(email));
        Assert.Contains("/my-signature", (await _app.EmailToAsync(email)).TextBody, StringComparison.Ordinal);

        // Within the interval of the confirmation email: nothing.
        await _app.AskForLinkAsync(email, "fr");
        _app.Clock.Advance(TimeSpan.FromMinutes(6));
        // Typed differently (case): the same mailbox, found by its keyed hash; asked from the French page.
        await _app.AskForLinkAsync(email.ToUpperInvariant(), "fr");
        await _app.AskForLinkAsync(email, "fr");
        var mail = await _app.EmailToAsync(email.ToUpperInvariant(), 2);

        Assert.Equal("Your signature of “" + await TitleAsync("en") + "”", mail.Subject);
        Assert.Contains("/en/my-signature/", mail.TextBody, StringComparison.Ordinal);
        await _app.WaitForQueuedEmailsAsync();
        Assert.Equal(2, _app.EmailsTo(email).Count);

        _app.Clock.Advance(TimeSpan.FromMinutes(6));
        await _app.AskForLinkAsync(email);
        await _app.EmailToAsync(email, 3);
    }

    [Fact]
    public async Task A_malformed_address_is_a_422_with_its_message_and_the_campaign_page_links_the_form()
    {
        var response = await _app.AskForLinkAsync("pas-une-adresse");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Saisissez une adresse e-mail complète", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var client = _app.Browser();
        Assert.Contains($"href=\"/en/c/{RalliementApp.Slug}/my-signature\"", await client.GetStringAsync($"/en/c/{RalliementApp.Slug}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/fr/c/no-such-campaign/my-signature")).StatusCode);
    }

    [Fact]
    public async Task A_cross_site_post_sends_nothing()
    {
        var email = RalliementApp.UniqueEmail("crosssite");
        await _app.SignatureAsync(SignatureState.Confirmed, email);
        using var client = _app.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/fr/c/{RalliementApp.Slug}/my-signature")
        {
            Content = new FormUrlEncodedContent([new("Email", email)]),
        };
        request.Headers.Add("Origin", "https://elsewhere.example");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        await _app.WaitForQueuedEmailsAsync();
        Assert.Empty(_app.EmailsTo(email));
    }

    private Task<string> TitleAsync(string language) =>
        _app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.CampaignTexts.Where(t => t.Language == language && db.Campaigns.Any(c => c.Id == t.CampaignId && c.Slug == RalliementApp.Slug)).Select(t => t.Title)));
}
