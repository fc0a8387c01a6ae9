using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.AntiAbuse;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.AntiAbuse;

/// <summary>
/// Concentrated waves (one email domain, one client network) are held for moderation, with signatures
/// without a proof of work while they last, and the campaign's moderators told once; a surge spread
/// over many domains and networks, however steep, is success and is never held.
/// </summary>
public sealed class WaveHoldTests : IDisposable
{
    private readonly RalliementApp _app = new RalliementApp().BehindProxy();
    private int _signer;

    public WaveHoldTests()
    {
        _app.Settings["AntiAbuse:Waves:Enabled"] = "true";
        _app.Settings["AntiAbuse:Waves:DomainMinimum"] = "4";
        _app.Settings["AntiAbuse:Waves:DomainShare"] = "0.5";
        _app.Settings["AntiAbuse:Waves:NetworkMinimum"] = "4";
        _app.Settings["AntiAbuse:Waves:NetworkShare"] = "0.5";
    }

    public void Dispose() => _app.Dispose();

    /// <summary>
    /// Waits until the notice job has taken every wave the signing started, then until the sender has
    /// delivered what was queued: by then a notice, written in one statement with its audit entry, has left.
    /// </summary>
    private async Task NoticesDoneAsync()
    {
        var started = _app.Services.GetRequiredService<WatchSigningWaves>().Started;
        await RalliementApp.EventuallyAsync(() => Task.FromResult(started.Count == 0), "the notice job to take every wave");
        await _app.WaitForQueuedEmailsAsync();
    }

    private Task<List<HoldReason?>> HoldsAsync() => _app.WithDbAsync(db =>
        db.Signatures.OrderBy(s => s.Id).Select(s => s.HoldReason).ToListAsync());

    private Task<List<AuditEntry>> SystemAuditAsync() => _app.WithDbAsync(db =>
        db.AuditLog.Where(a => a.Actor == "system").ToListAsync());

    /// <summary>Another person: another address at another domain, from another network, with a proof of work.</summary>
    private Task SignAsync(string? domain = null, string? network = null, bool proven = true) =>
        SignAsAsync($"{Guid.NewGuid():N}@{domain ?? $"d{++_signer}-example.org"}", domain, network, proven);

    private async Task SignAsAsync(string email, string? domain, string? network, bool proven)
    {
        var n = ++_signer;
        var address = network ?? $"198.{51 + n / 250 % 4}.{n % 250}.7";
        var form = RalliementApp.Form(email);
        var proof = proven ? await _app.ProofAsync() : new() { ["ProofChallenge"] = "", ["ProofNonce"] = "" };
        var response = await _app.SignFromAsync(address, new(form.Concat(proof)));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
    }

    [Fact]
    public async Task A_steep_surge_with_proofs_from_many_domains_and_networks_is_never_held()
    {
        var moderator = await _app.OrganiserAccountAsync(OrganisationRole.Moderator);
        // A quiet hour, one signature every ten minutes, then sixty at once: a text going viral.
        for (var i = 0; i < 6; i++)
        {
            await SignAsync();
            _app.Clock.Advance(TimeSpan.FromMinutes(10));
        }
        for (var i = 0; i < 60; i++)
        {
            await SignAsync();
        }
        var email = RalliementApp.UniqueEmail("surge");
        await SignAsAsync(email, null, null, proven: true);
        await _app.ConfirmAsync(await _app.EmailToAsync(email));

        Assert.All(await HoldsAsync(), h => Assert.Null(h));
        Assert.Equal(1, await _app.PublicCountAsync());
        Assert.Empty(await SystemAuditAsync());
        await NoticesDoneAsync();
        Assert.Empty(_app.EmailsTo(moderator));
    }

    [Fact]
    public async Task One_domain_taking_most_recent_signatures_holds_that_domain_only_and_tells_each_moderator_once()
    {
        var owner = await _app.OrganiserAccountAsync(OrganisationRole.Owner);
        var moderator = await _app.OrganiserAccountAsync(OrganisationRole.Moderator);
        var editor = await _app.OrganiserAccountAsync(OrganisationRole.Editor);
        for (var i = 0; i < 3; i++)
        {
            await SignAsync();
        }

        for (var i = 0; i < 5; i++)
        {
            await SignAsync(domain: "wave-example.org");
        }
        await SignAsync(domain: "calm-example.org");

        var holds = await HoldsAsync();
        Assert.Equal([null, null, null, null, null, null, HoldReason.DomainWave, HoldReason.DomainWave, null], holds);
        var notice = await _app.EmailToAsync(moderator);
        Assert.Contains("Vague de signatures", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("Signing wave", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("wave-example.org", notice.TextBody, StringComparison.Ordinal);
        var campaignId = await _app.DemoCampaignIdAsync();
        Assert.Contains($"/fr/organiser/{RalliementApp.DemoOrganisation}/moderation?campaign={campaignId}&domain=wave-example.org", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/en/organiser/{RalliementApp.DemoOrganisation}/moderation?campaign={campaignId}&domain=wave-example.org", notice.TextBody, StringComparison.Ordinal);
        await _app.EmailToAsync(owner);
        // Still in the wave: held, and no second notice.
        await SignAsync(domain: "wave-example.org");
        Assert.Equal(3, (await HoldsAsync()).Count(h => h == HoldReason.DomainWave));
        await NoticesDoneAsync();
        Assert.Single(_app.EmailsTo(owner));
        Assert.Single(_app.EmailsTo(moderator));
        Assert.Empty(_app.EmailsTo(editor));
        var audit = Assert.Single(await SystemAuditAsync());
        Assert.Equal("campaign.domain-wave-hold", audit.Action);
        Assert.Equal($"campaign:{campaignId}", audit.Target);
    }

    [Fact]
    public async Task One_network_taking_most_recent_signatures_holds_that_network_only_and_the_notice_names_no_address()
    {
        var moderator = await _app.OrganiserAccountAsync(OrganisationRole.Moderator);
        for (var i = 0; i < 3; i++)
        {
            await SignAsync();
        }

        // Another address of the same /24 each time: one network all the same.
        for (var i = 0; i < 5; i++)
        {
            await SignAsync(network: $"203.0.113.{10 + i}");
        }
        await SignAsync(network: "192.0.2.80");

        Assert.Equal([null, null, null, null, null, null, HoldReason.NetworkWave, HoldReason.NetworkWave, null], await HoldsAsync());
        var notice = await _app.EmailToAsync(moderator);
        Assert.Contains("one network", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("203.0.113", notice.TextBody, StringComparison.Ordinal);
        var audit = Assert.Single(await SystemAuditAsync());
        Assert.Equal("campaign.network-wave-hold", audit.Action);
        Assert.DoesNotContain("203.0.113", audit.Details ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task During_a_wave_signatures_without_a_proof_are_held_from_anywhere_and_after_it_they_count()
    {
        for (var i = 0; i < 8; i++)
        {
            await SignAsync(domain: "wave-example.org");
        }

        await SignAsync(proven: false);
        await SignAsync(proven: true);
        _app.Clock.Advance(TimeSpan.FromHours(2));
        await SignAsync(proven: false);

        var holds = await HoldsAsync();
        Assert.Equal([HoldReason.NoProofOfWork, null, null], holds[^3..]);
    }

    [Fact]
    public async Task A_confirmed_signature_of_a_wave_waits_for_a_moderator()
    {
        for (var i = 0; i < 5; i++)
        {
            await SignAsync(domain: "wave-example.org");
        }
        var email = $"{Guid.NewGuid():N}@wave-example.org";
        await SignAsAsync(email, "wave-example.org", null, proven: true);

        await _app.ConfirmAsync(await _app.EmailToAsync(email));

        var key = _app.KeyOf(email);
        var stored = await _app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.EmailKey == key));
        Assert.Equal(SignatureState.Held, stored.State);
        Assert.Equal(HoldReason.DomainWave, stored.HoldReason);
        Assert.Equal(0, await _app.PublicCountAsync());
    }
}
