using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>Each test here moves the clock, so they share no app with tests that do not.</summary>
[BothDatabases]
public sealed class DuplicateAndExpiryTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Signing_again_after_confirming_sends_a_reminder_not_a_second_link_and_counts_once()
    {
        var email = RalliementApp.UniqueEmail("sam");
        await _app.SignAsync(RalliementApp.Form(email));
        await _app.ConfirmAsync(await _app.EmailToAsync(email));
        var count = await _app.PublicCountAsync();

        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var again = await _app.SignAsync(RalliementApp.Form(email.ToUpperInvariant(), firstName: "Someone", lastName: "Else"));

        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        var reminder = await _app.EmailToAsync(email, count: 2);
        Assert.StartsWith("Vous avez déjà signé", reminder.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("/confirm/", reminder.TextBody, StringComparison.Ordinal);
        Assert.Contains("/withdraw/", reminder.TextBody, StringComparison.Ordinal);
        Assert.Equal(count, await _app.PublicCountAsync());
        Assert.DoesNotContain("Someone Else", await _app.PublicListAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_answer_to_a_signature_is_the_same_whether_or_not_the_address_already_signed()
    {
        var email = RalliementApp.UniqueEmail("enumeration");
        var first = await _app.SignAsync(RalliementApp.Form(email));
        await _app.ConfirmAsync(await _app.EmailToAsync(email));
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        var repeat = await _app.SignAsync(RalliementApp.Form(email));
        var fresh = await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("fresh")));

        foreach (var response in new[] { repeat, fresh })
        {
            Assert.Equal(first.StatusCode, response.StatusCode);
            Assert.Equal(first.Headers.Location, response.Headers.Location);
            Assert.Equal(await first.Content.ReadAsStringAsync(), await response.Content.ReadAsStringAsync());
            Assert.Equal(first.Headers.Select(h => h.Key).Order(), response.Headers.Select(h => h.Key).Order());
        }
    }

    [Fact]
    public async Task Repeated_signing_writes_to_an_inbox_at_most_once_per_interval()
    {
        var email = RalliementApp.UniqueEmail("flood");
        for (var i = 0; i < 5; i++)
        {
            await _app.SignAsync(RalliementApp.Form(email));
        }
        await _app.EmailToAsync(email);
        await _app.WaitForQueuedEmailsAsync();
        Assert.Single(_app.EmailsTo(email));

        _app.Clock.Advance(TimeSpan.FromMinutes(6));
        await _app.SignAsync(RalliementApp.Form(email));
        var second = await _app.EmailToAsync(email, count: 2);
        Assert.Contains("/confirm/", second.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_address_signing_in_another_case_or_with_spaces_is_one_signature()
    {
        var email = RalliementApp.UniqueEmail("Case");
        await _app.SignAsync(RalliementApp.Form(email));
        _app.Clock.Advance(TimeSpan.FromMinutes(10));
        await _app.SignAsync(RalliementApp.Form($"  {email.ToUpperInvariant()} "));

        var key = _app.KeyOf(email);
        var rows = await _app.WithDbAsync(db => db.Signatures.CountAsync(s => s.EmailKey == key));
        Assert.Equal(1, rows);
    }

    [Fact]
    public async Task Simultaneous_signatures_with_one_address_store_one_signature()
    {
        var email = RalliementApp.UniqueEmail("race");
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _app.SignAsync(RalliementApp.Form(email))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        var key = _app.KeyOf(email);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Signatures.CountAsync(s => s.EmailKey == key)));
    }

    [Fact]
    public async Task An_expired_confirmation_link_gets_a_clear_page_and_counts_nothing()
    {
        var email = RalliementApp.UniqueEmail("late");
        await _app.SignAsync(RalliementApp.Form(email));
        var mail = await _app.EmailToAsync(email);
        var count = await _app.PublicCountAsync();

        _app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        var late = await _app.ConfirmAsync(mail);

        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
        var page = await late.Content.ReadAsStringAsync();
        Assert.Contains("Ce lien de confirmation a expiré", page, StringComparison.Ordinal);
        Assert.Contains("/sign", page, StringComparison.Ordinal);
        Assert.Equal(count, await _app.PublicCountAsync());

        // Signing again sends a fresh link that works.
        await _app.SignAsync(RalliementApp.Form(email));
        var fresh = await _app.EmailToAsync(email, count: 2);
        Assert.Equal(HttpStatusCode.OK, (await _app.ConfirmAsync(fresh)).StatusCode);
        Assert.Equal(count + 1, await _app.PublicCountAsync());
    }

    [Fact]
    public async Task A_link_just_before_its_expiry_still_confirms()
    {
        var email = RalliementApp.UniqueEmail("intime");
        await _app.SignAsync(RalliementApp.Form(email));
        var mail = await _app.EmailToAsync(email);

        _app.Clock.Advance(TimeSpan.FromDays(7) - TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.OK, (await _app.ConfirmAsync(mail)).StatusCode);
    }

    [Theory]
    [InlineData("/fr/confirm/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("/fr/confirm/short")]
    [InlineData("/en/confirm/%3Cscript%3E")]
    [InlineData("/fr/withdraw/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_or_malformed_link_gets_a_clear_404_page(string path)
    {
        using var client = _app.Browser();
        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Matches("n’est pas valable|is not valid", page);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task A_withdrawn_signer_can_sign_again()
    {
        var email = RalliementApp.UniqueEmail("back");
        await _app.SignAsync(RalliementApp.Form(email));
        var first = await _app.EmailToAsync(email);
        await _app.ConfirmAsync(first);
        await _app.WithdrawAsync(first);
        var count = await _app.PublicCountAsync();

        await _app.SignAsync(RalliementApp.Form(email));
        await _app.ConfirmAsync(await _app.EmailToAsync(email, count: 2));

        Assert.Equal(count + 1, await _app.PublicCountAsync());
        Assert.Equal(SignatureState.Withdrawn, await _app.WithDbAsync(db => db.Signatures.OrderBy(s => s.Id).Where(s => s.WithdrawnAt != null).Select(s => s.State).FirstAsync()));
    }
}
