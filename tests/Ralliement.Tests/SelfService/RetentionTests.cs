using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Retention;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.SelfService;

[BothDatabases]
public sealed class RetentionTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task<int> PurgeAsync() => _app.WithAsync<PurgeExpiredPersonalData, int>(purge => purge.PurgeAsync(CancellationToken.None));

    [Fact]
    public async Task Personal_data_goes_once_the_retention_after_closing_is_over_and_the_counts_stay()
    {
        var kept = RalliementApp.UniqueEmail("kept");
        await _app.SignAndConfirmAsync(kept, news: true, firstName: "Purgée", lastName: "Quiconque");
        var pending = await _app.SignatureAsync(SignatureState.Pending);
        var held = await _app.SignatureAsync(SignatureState.Held);
        var withdrawn = RalliementApp.UniqueEmail("withdrawn");
        await _app.SignAndConfirmAsync(withdrawn);
        await _app.WithdrawAsync(await _app.EmailToAsync(withdrawn));
        var campaign = await _app.DemoCampaignIdAsync();
        var count = await _app.SignatureCountAsync();
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, campaign, "close")).StatusCode);

        _app.Clock.Advance(TimeSpan.FromDays(360));
        Assert.Equal(0, await PurgeAsync());
        Assert.Contains("Purgée", await _app.PublicListAsync(), StringComparison.Ordinal);

        _app.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(1, await PurgeAsync());

        var rows = await _app.WithDbAsync(db => db.Signatures.AsNoTracking().Include(s => s.Commitments).Where(s => s.CampaignId == campaign).ToListAsync());
        Assert.DoesNotContain(rows, s => s.Id == pending || s.Id == held);
        Assert.All(rows, s =>
        {
            Assert.Null(s.FirstName);
            Assert.Null(s.LastName);
            Assert.Null(s.SealedEmail);
            Assert.Null(s.EmailKey);
            Assert.Null(s.EmailDomain);
            Assert.Null(s.Institution);
            Assert.Null(s.SearchText);
            Assert.False(s.ShowPublicly);
            Assert.False(s.AcceptsNews);
        });
        Assert.Contains(rows, s => s.State == SignatureState.Confirmed && s.ConfirmedAt != null && s.Commitments.Count == 1);
        Assert.Contains(rows, s => s.State == SignatureState.Withdrawn);
        Assert.False(await _app.WithDbAsync(db => db.ConfirmationTokens.AnyAsync(t => t.Signature.CampaignId == campaign)));
        Assert.Equal(count, await _app.SignatureCountAsync());
        Assert.Equal(count, await _app.PublicCountAsync());

        var audit = await _app.WithDbAsync(db => db.AuditLog.SingleAsync(a => a.Action == "campaign.purge"));
        Assert.Equal("system", audit.Actor);
        Assert.Equal($"campaign:{campaign}", audit.Target);
        Assert.DoesNotContain("Purgée", audit.Details ?? "", StringComparison.Ordinal);

        using var visitor = _app.Browser();
        var page = await visitor.GetStringAsync($"/fr/c/{RalliementApp.Slug}");
        Assert.Contains("Les données personnelles des signataires ont été effacées le", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Purgée", await _app.PublicListAsync(), StringComparison.Ordinal);
        Assert.Contains("Signers’ personal data was erased on", await visitor.GetStringAsync($"/en/c/{RalliementApp.Slug}"), StringComparison.Ordinal);

        // A year later, the first session has long expired.
        using var returning = await _app.SignedInAsync(OrganisationRole.Editor);
        var reopen = await ChangeStateAsync(returning, campaign, "reopen");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, reopen.StatusCode);
        Assert.Contains("ne peut pas être rouverte", await reopen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await PurgeAsync());
        // Organisers' pages still work with rows that have no name any more.
        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);
        var organiser = $"/fr/organiser/{RalliementApp.DemoOrganisation}";
        foreach (var path in new[] { $"{organiser}/moderation", $"{organiser}/audit", $"{organiser}/campaigns/{campaign}/export.csv", $"{organiser}/campaigns/{campaign}/export.json" })
        {
            Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync(path)).StatusCode);
        }
    }

    [Fact]
    public async Task An_open_campaign_and_a_shorter_retention_are_respected()
    {
        var email = RalliementApp.UniqueEmail("open");
        await _app.SignAndConfirmAsync(email);
        _app.Clock.Advance(TimeSpan.FromDays(800));
        Assert.Equal(0, await PurgeAsync());
        Assert.Contains("Ana", await _app.PublicListAsync(), StringComparison.Ordinal);

        await _app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation)
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.RetentionMonths, 1)));
        var campaign = await _app.DemoCampaignIdAsync();
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);
        await ChangeStateAsync(editor, campaign, "close");
        Assert.Equal(HttpStatusCode.Redirect, (await ChangeStateAsync(editor, campaign, "archive")).StatusCode);
        _app.Clock.Advance(TimeSpan.FromDays(20));
        Assert.Equal(0, await PurgeAsync());
        _app.Clock.Advance(TimeSpan.FromDays(12));
        Assert.Equal(1, await PurgeAsync());
        Assert.NotNull(await _app.WithDbAsync(db => db.Campaigns.Where(c => c.Id == campaign).Select(c => c.PersonalDataPurgedAt).SingleAsync()));
    }
}
