using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.AntiAbuse;

/// <summary>Abnormal waves of signatures are held for moderation, and the campaign's moderators told once.</summary>
public sealed class WaveHoldTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public WaveHoldTests()
    {
        _app.Settings["AntiAbuse:Waves:Enabled"] = "true";
        _app.Settings["AntiAbuse:Waves:MinimumSignatures"] = "5";
        _app.Settings["AntiAbuse:Waves:Factor"] = "10";
        _app.Settings["AntiAbuse:Waves:DomainMinimum"] = "1000";
    }

    public void Dispose() => _app.Dispose();

    private Task<List<HoldReason?>> HoldsAsync() => _app.WithDbAsync(db =>
        db.Signatures.OrderBy(s => s.Id).Select(s => s.HoldReason).ToListAsync());

    private Task<List<AuditEntry>> SystemAuditAsync() => _app.WithDbAsync(db =>
        db.AuditLog.Where(a => a.Actor == "system").ToListAsync());

    private async Task SignAsync(int count, Func<int, string>? email = null)
    {
        for (var i = 0; i < count; i++)
        {
            var response = await _app.SignAsync(RalliementApp.Form(email?.Invoke(i) ?? RalliementApp.UniqueEmail()));
            Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        }
    }

    [Fact]
    public async Task A_burst_over_the_baseline_holds_new_signatures_and_tells_each_moderator_once()
    {
        var owner = await _app.OrganiserAccountAsync(OrganisationRole.Owner);
        var moderator = await _app.OrganiserAccountAsync(OrganisationRole.Moderator);
        var editor = await _app.OrganiserAccountAsync(OrganisationRole.Editor);
        // A baseline of one signature a minute for ten minutes.
        for (var minute = 0; minute < 10; minute++)
        {
            await SignAsync(1);
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        await SignAsync(12);

        var holds = await HoldsAsync();
        Assert.All(holds.Take(14), h => Assert.Null(h));
        Assert.All(holds.Skip(14), h => Assert.Equal(HoldReason.SigningWave, h));
        Assert.Equal(8, holds.Count(h => h is not null));
        var notice = await _app.EmailToAsync(moderator);
        Assert.Contains("Vague de signatures", notice.Subject, StringComparison.Ordinal);
        Assert.Contains("Signing wave", notice.Subject, StringComparison.Ordinal);
        var campaignId = await _app.DemoCampaignIdAsync();
        Assert.Contains($"/fr/organiser/{RalliementApp.DemoOrganisation}/moderation?campaign={campaignId}", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains($"/en/organiser/{RalliementApp.DemoOrganisation}/moderation?campaign={campaignId}", notice.TextBody, StringComparison.Ordinal);
        await _app.EmailToAsync(owner);
        // Still in the wave: held, and no second notice.
        await SignAsync(3);
        Assert.Equal(11, (await HoldsAsync()).Count(h => h == HoldReason.SigningWave));
        await Task.Delay(1000);
        Assert.Single(_app.EmailsTo(owner));
        Assert.Single(_app.EmailsTo(moderator));
        Assert.Empty(_app.EmailsTo(editor));
        var audit = Assert.Single(await SystemAuditAsync());
        Assert.Equal("campaign.signing-wave-hold", audit.Action);
        Assert.Equal($"campaign:{campaignId}", audit.Target);
    }

    [Fact]
    public async Task A_confirmed_signature_of_a_wave_waits_for_a_moderator()
    {
        await SignAsync(5);
        var email = RalliementApp.UniqueEmail("in-wave");
        await SignAsync(1, _ => email);

        await _app.ConfirmAsync(await _app.EmailToAsync(email));

        var key = _app.KeyOf(email);
        var stored = await _app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.EmailKey == key));
        Assert.Equal(SignatureState.Held, stored.State);
        Assert.Equal(HoldReason.SigningWave, stored.HoldReason);
    }

    [Fact]
    public async Task One_domain_taking_most_recent_signatures_holds_that_domain_only()
    {
        _app.Settings["AntiAbuse:Waves:MinimumSignatures"] = "1000";
        _app.Settings["AntiAbuse:Waves:DomainMinimum"] = "4";
        _app.Settings["AntiAbuse:Waves:DomainShare"] = "0.5";
        var moderator = await _app.OrganiserAccountAsync(OrganisationRole.Moderator);
        await SignAsync(3, i => $"{Guid.NewGuid():N}@domain{i}-example.org");

        await SignAsync(5, _ => $"{Guid.NewGuid():N}@wave-example.org");
        await SignAsync(1, _ => $"{Guid.NewGuid():N}@calm-example.org");

        var holds = await HoldsAsync();
        Assert.Equal([null, null, null, null, null, null, HoldReason.DomainWave, HoldReason.DomainWave, null], holds);
        var notice = await _app.EmailToAsync(moderator);
        Assert.Contains("wave-example.org", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("&domain=wave-example.org", notice.TextBody, StringComparison.Ordinal);
        var audit = Assert.Single(await SystemAuditAsync());
        Assert.Equal("campaign.domain-wave-hold", audit.Action);
    }

    [Fact]
    public async Task A_steady_rate_from_many_domains_holds_nothing()
    {
        _app.Settings["AntiAbuse:Waves:DomainMinimum"] = "4";
        var moderator = await _app.OrganiserAccountAsync(OrganisationRole.Moderator);
        // Four a minute for a quarter of an hour, under the minimum of five a minute, from four domains.
        for (var minute = 0; minute < 15; minute++)
        {
            await SignAsync(4, i => $"{Guid.NewGuid():N}@d{i}-example.org");
            _app.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.All(await HoldsAsync(), h => Assert.Null(h));
        Assert.Empty(await SystemAuditAsync());
        await Task.Delay(500);
        Assert.Empty(_app.EmailsTo(moderator));
    }
}
