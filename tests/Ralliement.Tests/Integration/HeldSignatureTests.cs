using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>Campaigns that hold every confirmed signature until a moderator has checked it.</summary>
public sealed class HeldSignatureTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task HoldForReviewAsync() => _app.ChangeCampaignAsync(c => c.HoldsSignaturesForReview = true);

    /// <summary>What a moderator's approval does; the moderation pages are tested on their own.</summary>
    private Task<int> ApproveAsync(string email) => _app.WithDbAsync(async db =>
    {
        var signature = await db.Signatures.Include(s => s.Campaign).SingleAsync(s => s.EmailKey == _app.KeyOf(email));
        signature.State = SignatureState.Confirmed;
        signature.Campaign.SignatureCount++;
        return await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_held_signature_is_confirmed_but_neither_counted_nor_listed_until_approved()
    {
        await HoldForReviewAsync();
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("held"), firstName: "Maëlle", lastName: "Attente");

        var page = await _app.SignAndConfirmAsync(form);

        Assert.Contains("Merci, votre signature est confirmée", page, StringComparison.Ordinal);
        Assert.Contains("apparaîtra une fois vérifiée par une personne chargée de la modération", page, StringComparison.Ordinal);
        Assert.Contains("/fr/withdraw/", page, StringComparison.Ordinal);
        var stored = await _app.SignatureOfAsync(form["Email"]);
        Assert.Equal(SignatureState.Held, stored.State);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, stored.ConfirmedAt);
        Assert.Equal(0, await _app.PublicCountAsync());
        Assert.DoesNotContain("Maëlle Attente", await _app.PublicListAsync(), StringComparison.Ordinal);

        await ApproveAsync(form["Email"]);

        Assert.Equal(1, await _app.PublicCountAsync());
        Assert.Contains("Maëlle Attente", await _app.PublicListAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_held_page_speaks_English_and_the_link_opened_again_says_the_same()
    {
        await HoldForReviewAsync();
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("held"));

        var page = await _app.SignAndConfirmAsync(form, "en");
        Assert.Contains("Thank you, your signature is confirmed", page, StringComparison.Ordinal);
        Assert.Contains("will appear once a moderator has checked it", page, StringComparison.Ordinal);

        var again = await _app.ConfirmAsync(await _app.EmailToAsync(form["Email"]));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("will appear once a moderator has checked it", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await _app.PublicCountAsync());
    }

    [Fact]
    public async Task Withdrawing_a_held_signature_erases_it_and_leaves_the_count_alone()
    {
        await _app.SignAndConfirmAsync(RalliementApp.Form(RalliementApp.UniqueEmail("counted")));
        await HoldForReviewAsync();
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("held"));
        await _app.SignAndConfirmAsync(form);
        Assert.Equal(1, await _app.PublicCountAsync());

        using (var client = _app.Browser())
        {
            var withdrawPage = await client.GetStringAsync(RalliementApp.LinkIn(await _app.EmailToAsync(form["Email"]), "withdraw"));
            Assert.Contains("le compteur ne changera pas", withdrawPage, StringComparison.Ordinal);
        }
        Assert.Equal(HttpStatusCode.OK, (await _app.WithdrawAsync(await _app.EmailToAsync(form["Email"]))).StatusCode);

        Assert.Equal(1, await _app.PublicCountAsync());
        var states = await _app.WithDbAsync(db => db.Signatures.OrderBy(s => s.Id).Select(s => new { s.State, s.SealedEmail, s.EmailKey }).ToListAsync());
        Assert.Equal([SignatureState.Confirmed, SignatureState.Withdrawn], states.Select(s => s.State));
        Assert.Null(states[1].SealedEmail);
        Assert.Null(states[1].EmailKey);
    }

    [Theory]
    [InlineData(SignatureState.Held)]
    [InlineData(SignatureState.Rejected)]
    public async Task Signing_again_with_a_held_or_rejected_address_gets_the_neutral_answer_and_changes_nothing(SignatureState state)
    {
        await HoldForReviewAsync();
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("again"), firstName: "Première");
        await _app.SignAndConfirmAsync(form);
        await _app.WithDbAsync(db => db.Signatures.Where(s => s.EmailKey == _app.KeyOf(form["Email"])).ExecuteUpdateAsync(s => s.SetProperty(x => x.State, state)));
        _app.Clock.Advance(TimeSpan.FromHours(1));

        var fresh = await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("fresh")));
        form["FirstName"] = "Seconde";
        var repeat = await _app.SignAsync(form);

        Assert.Equal((fresh.StatusCode, fresh.Headers.Location), (repeat.StatusCode, repeat.Headers.Location));
        Assert.Equal(await fresh.Content.ReadAsStringAsync(), await repeat.Content.ReadAsStringAsync());
        var stored = await _app.WithDbAsync(db => db.Signatures.Where(s => s.EmailKey == _app.KeyOf(form["Email"])).ToListAsync());
        Assert.Equal((state, "Première"), (Assert.Single(stored).State, stored[0].FirstName));

        // The inbox learns that the address has signed, with a way to withdraw, and nothing to confirm.
        var mail = await _app.EmailToAsync(form["Email"], 2);
        Assert.Contains("Une signature avec cette adresse est déjà enregistrée", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("/fr/withdraw/", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("/confirm/", mail.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_organisation_held_for_review_is_counted_apart_only_once_approved()
    {
        await _app.ChangeCampaignAsync(c => (c.HoldsSignaturesForReview, c.AcceptsOrganisations) = (true, true));
        var form = RalliementApp.Form(RalliementApp.UniqueEmail("representative"));
        form["SignAs"] = "organisation";
        form["OrganisationName"] = "Les Amis du Test";
        form["OrganisationKind"] = "association";
        await _app.SignAndConfirmAsync(form);

        using var client = _app.Browser();
        Assert.DoesNotContain("dont 1 organisation", await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}"), StringComparison.Ordinal);

        await ApproveAsync(form["Email"]);

        Assert.Contains("dont 1 organisation", await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}"), StringComparison.Ordinal);
        Assert.Contains("Les Amis du Test", await _app.PublicListAsync(query: "?kind=organisations"), StringComparison.Ordinal);
    }
}
