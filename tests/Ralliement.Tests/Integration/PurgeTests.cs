using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Signing;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

[BothDatabases]
public sealed class PurgeTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<int> PurgeAsync() => _app.WithAsync<PurgeUnconfirmedSignatures, int>(purge => purge.PurgeAsync(CancellationToken.None));

    [Fact]
    public async Task A_signature_never_confirmed_is_deleted_a_month_after_its_link_expired_and_a_confirmed_one_stays()
    {
        var forgotten = RalliementApp.UniqueEmail("forgotten");
        var confirmed = RalliementApp.UniqueEmail("kept");
        await _app.SignAsync(RalliementApp.Form(forgotten));
        await _app.SignAsync(RalliementApp.Form(confirmed));
        var forgottenMail = await _app.EmailToAsync(forgotten);
        await _app.ConfirmAsync(await _app.EmailToAsync(confirmed));
        var count = await _app.PublicCountAsync();

        _app.Clock.Advance(TimeSpan.FromDays(7 + 29));
        Assert.Equal(0, await PurgeAsync());

        _app.Clock.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await PurgeAsync());

        var keys = await _app.WithDbAsync(db => db.Signatures.Select(s => s.EmailKey).ToListAsync());
        Assert.DoesNotContain(_app.KeyOf(forgotten), keys);
        Assert.Contains(_app.KeyOf(confirmed), keys);
        Assert.Equal(count, await _app.PublicCountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _app.ConfirmAsync(forgottenMail)).StatusCode);
    }

    [Fact]
    public async Task A_fresh_link_sent_to_a_pending_signature_keeps_it()
    {
        var email = RalliementApp.UniqueEmail("reminded");
        await _app.SignAsync(RalliementApp.Form(email));
        await _app.EmailToAsync(email);

        _app.Clock.Advance(TimeSpan.FromDays(30));
        await _app.SignAsync(RalliementApp.Form(email));
        _app.Clock.Advance(TimeSpan.FromDays(10));

        Assert.Equal(0, await PurgeAsync());
    }
}
