using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ProofOfWork;

/// <summary>
/// A signature with a good proof of work counts once confirmed; one without (no JavaScript, a robot, a
/// stale or reused proof) is still taken, counts too unless a wave is on, and waits for a moderator
/// if its organisation chose to hold such signatures always (which the tests of a bad proof use).
/// </summary>
public sealed class ProofOfWorkSigningTests
{
    [Fact]
    public async Task A_solved_proof_lets_the_signature_count_once_confirmed()
    {
        using var app = new RalliementApp();
        var email = RalliementApp.UniqueEmail();

        var signed = await SignAsync(app, email, await app.ProofAsync());

        Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await ConfirmedStateAsync(app, email));
    }

    [Fact]
    public async Task At_the_default_difficulty_a_proof_solved_in_CSharp_is_accepted()
    {
        using var app = new RalliementApp();
        app.Settings.Remove("AntiAbuse:ProofOfWork:Difficulty");
        var email = RalliementApp.UniqueEmail();

        await SignAsync(app, email, await app.ProofAsync());

        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await ConfirmedStateAsync(app, email));
    }

    [Fact]
    public async Task Without_a_proof_and_without_a_wave_the_signature_counts_once_confirmed()
    {
        using var app = new RalliementApp();
        var email = RalliementApp.UniqueEmail();

        var signed = await SignAsync(app, email, []);

        Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await ConfirmedStateAsync(app, email));
        Assert.Equal(1, await app.PublicCountAsync());
    }

    [Fact]
    public async Task When_the_organisation_always_holds_unproven_signatures_one_without_a_proof_waits_for_a_moderator()
    {
        using var app = new RalliementApp();
        await HoldUnprovenAlwaysAsync(app);
        var email = RalliementApp.UniqueEmail();

        var signed = await SignAsync(app, email, []);

        Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        Assert.Equal((SignatureState.Held, (HoldReason?)HoldReason.NoProofOfWork), await ConfirmedStateAsync(app, email));
        Assert.Equal(0, await app.PublicCountAsync());
    }

    [Fact]
    public async Task An_expired_challenge_holds_the_signature_but_a_slow_signer_within_its_lifetime_is_not()
    {
        using var app = new RalliementApp();
        var slow = await app.ProofAsync();
        var late = await app.ProofAsync();

        app.Clock.Advance(TimeSpan.FromMinutes(19));
        var slowEmail = RalliementApp.UniqueEmail();
        await SignAsync(app, slowEmail, slow);
        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await ConfirmedStateAsync(app, slowEmail));

        app.Clock.Advance(TimeSpan.FromMinutes(2));
        await AssertHeldAsync(app, late);
    }

    [BothDatabases]
    [Fact]
    public async Task A_solution_counts_once_a_second_signer_sending_it_again_is_held()
    {
        using var app = new RalliementApp();
        var proof = await app.ProofAsync();
        var first = RalliementApp.UniqueEmail();

        await SignAsync(app, first, proof);

        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await ConfirmedStateAsync(app, first));
        await AssertHeldAsync(app, proof);
    }

    [Fact]
    public async Task A_refused_form_does_not_use_up_its_proof()
    {
        using var app = new RalliementApp();
        var proof = await app.ProofAsync();
        var email = RalliementApp.UniqueEmail();
        var incomplete = new Dictionary<string, string>(RalliementApp.Form(email).Concat(proof));
        incomplete.Remove("ConsentToProcessing");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await app.SignAsync(incomplete)).StatusCode);
        await SignAsync(app, email, proof);

        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await ConfirmedStateAsync(app, email));
    }

    [Fact]
    public async Task A_spent_proof_is_no_proof_so_without_a_wave_its_signature_still_counts()
    {
        using var app = new RalliementApp();
        var proof = await app.ProofAsync();
        await SignAsync(app, RalliementApp.UniqueEmail(), proof);
        var again = RalliementApp.UniqueEmail();

        await SignAsync(app, again, proof);

        Assert.Equal((SignatureState.Confirmed, (HoldReason?)null), await ConfirmedStateAsync(app, again));
        Assert.Equal(1, await app.WithDbAsync(db => db.SpentProofs.CountAsync()));
    }

    [BothDatabases]
    [Fact]
    public async Task Spent_proofs_are_forgotten_once_their_challenge_has_expired()
    {
        using var app = new RalliementApp();
        await SignAsync(app, RalliementApp.UniqueEmail(), await app.ProofAsync());
        Task<int> ForgetAsync() => app.WithAsync<Ralliement.ProofOfWork.ForgetSpentProofs, int>(forget => forget.ForgetAsync(CancellationToken.None));

        Assert.Equal(0, await ForgetAsync());
        app.Clock.Advance(TimeSpan.FromMinutes(21));

        Assert.Equal(1, await ForgetAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.SpentProofs.CountAsync()));
    }

    internal static Task HoldUnprovenAlwaysAsync(RalliementApp app) =>
        app.WithDbAsync(db => db.Organisations.ExecuteUpdateAsync(o => o.SetProperty(x => x.UnprovenSignatures, UnprovenSignatureRule.HoldAlways)));

    private static Task<HttpResponseMessage> SignAsync(RalliementApp app, string email, Dictionary<string, string> proof) =>
        // An empty proof is sent as the form sends it without JavaScript: both fields present and empty.
        app.SignAsync(new Dictionary<string, string>(RalliementApp.Form(email).Concat(proof.Count > 0 ? proof : new() { ["ProofChallenge"] = "", ["ProofNonce"] = "" })));

    /// <summary>A signature with this proof is held: the organisation holds unproven signatures always, so a bad proof shows.</summary>
    internal static async Task AssertHeldAsync(RalliementApp app, Dictionary<string, string> proof)
    {
        await HoldUnprovenAlwaysAsync(app);
        var email = RalliementApp.UniqueEmail();
        var signed = await SignAsync(app, email, proof);
        Assert.Equal(HttpStatusCode.SeeOther, signed.StatusCode);
        Assert.Equal((SignatureState.Held, (HoldReason?)HoldReason.NoProofOfWork), await ConfirmedStateAsync(app, email));
    }

    private static async Task<(SignatureState, HoldReason?)> ConfirmedStateAsync(RalliementApp app, string email)
    {
        var confirmed = await app.ConfirmAsync(await app.EmailToAsync(email));
        Assert.True(confirmed.IsSuccessStatusCode, $"Confirming answered {(int)confirmed.StatusCode}.");
        var key = app.KeyOf(email);
        // Read as the entity: PostgreSQL cannot return a tuple projection.
        var signature = await app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.EmailKey == key));
        return (signature.State, signature.HoldReason);
    }
}
