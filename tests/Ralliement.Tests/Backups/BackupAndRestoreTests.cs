using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Ralliement.Admin;
using Ralliement.Backups;
using Ralliement.Data;
using Ralliement.Moderation;
using Ralliement.Organisers;
using Ralliement.Tests.SelfService;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Backups;

[BothDatabases]
public sealed class BackupAndRestoreTests : IDisposable
{
    private readonly RalliementApp _app = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("ralliement-backup-").FullName;
    private readonly MemoryStream _standardOutput = new();
    private readonly StringWriter _errors = new();

    public void Dispose()
    {
        _app.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private string Backup => Path.Combine(_folder, "ralliement.backup");

    /// <summary>The site's settings, read while it runs: a command given them reaches its database.</summary>
    private string[] Settings => _settings ??= RalliementProcess.SettingsOf(_app);

    private string[]? _settings;

    private Task<int?> RunAsync(params string[] args) =>
        AdminCommands.RunAsync([.. args, .. Settings], () => _standardOutput, _errors);

    /// <summary>The database as the settings describe it, once the site is stopped.</summary>
    private async Task<T> WithDbAsync<T>(Func<RalliementDb, Task<T>> query)
    {
        await using var host = AdminHost.BuildServices(Settings);
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RalliementDb>());
    }

    private async Task<long> SignedAsync(string email, bool news = false)
    {
        await _app.SignAndConfirmAsync(email, news);
        var key = _app.KeyOf(email);
        return await _app.WithDbAsync(db => db.Signatures.Where(s => s.EmailKey == key).Select(s => s.Id).SingleAsync());
    }

    [Fact]
    public async Task A_restore_brings_the_backup_back_but_never_a_person_who_left_after_it()
    {
        var before = await _app.SignatureCountAsync();
        var withdrawing = RalliementApp.UniqueEmail("withdrawing");
        var rejected = RalliementApp.UniqueEmail("rejected");
        var quiet = RalliementApp.UniqueEmail("quiet");
        var erasing = RalliementApp.UniqueEmail("erasing");
        var staying = RalliementApp.UniqueEmail("staying");
        var a = await SignedAsync(withdrawing);
        var c = await SignedAsync(rejected);
        var d = await SignedAsync(quiet, news: true);
        var e = await SignedAsync(erasing);
        var kept = await SignedAsync(staying);

        Assert.Equal(0, await RunAsync("backup", "--output", Backup));
        var said = _errors.ToString();
        Assert.Contains($"to {Backup}", said, StringComparison.Ordinal);
        Assert.Contains("Not in the backup", said, StringComparison.Ordinal);
        Assert.Contains("privacy keys", said, StringComparison.Ordinal);
        Assert.Contains("erasures.log", said, StringComparison.Ordinal);
        Assert.False(File.Exists(Backup + ".partial"));

        // After the backup: B signs and withdraws, A withdraws, a moderator rejects C, D stops the news, E erases.
        var newcomer = RalliementApp.UniqueEmail("newcomer");
        var b = await SignedAsync(newcomer);
        await _app.WithdrawAsync(await _app.EmailToAsync(newcomer));
        await _app.WithdrawAsync(await _app.EmailToAsync(withdrawing));
        var organisation = await _app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Slug == RalliementApp.DemoOrganisation));
        Assert.Equal(1, await _app.WithAsync<ModerateSignatures, int>(moderate => moderate.HandleAsync(
            new OrganisationContext(organisation.Id, organisation.Slug, organisation.Name, OrganisationRole.Moderator, "", "moderator@example.org"),
            ModerationAction.Reject, [c], "spam", CancellationToken.None)));
        using (var signer = _app.Browser())
        {
            await SelfServiceSteps.PressAsync(signer, await _app.LinkToMySignatureAsync(quiet), "StopNews");
            await SelfServiceSteps.PressAsync(signer, await _app.LinkToMySignatureAsync(erasing), "Erase");
        }
        Assert.Null(await _app.WithDbAsync(db => db.Signatures.FirstOrDefaultAsync(s => s.Id == e)));
        var log = await File.ReadAllTextAsync(Path.Combine(_app.DataDirectory, "erasures.log"));
        Assert.Contains($" signature-rejected {c}\n", log, StringComparison.Ordinal);
        Assert.DoesNotContain("@", log, StringComparison.Ordinal);

        if (!TestDatabase.IsPostgres)
        {
            Assert.Equal(1, await RunAsync("restore", "--input", Backup, "--yes"));
            Assert.Contains("stop it", _errors.ToString(), StringComparison.Ordinal);
        }
        await StopSiteAsync();
        _errors.GetStringBuilder().Clear();

        Assert.Equal(0, await RunAsync("restore", "--input", Backup, "--yes"));
        var report = _errors.ToString();
        Assert.Contains("Restored ", report, StringComparison.Ordinal);
        Assert.Contains("re-applied 4 erasures recorded after the backup; purged 0 expired unconfirmed signatures.", report, StringComparison.Ordinal);

        var rows = await WithDbAsync(db => db.Signatures.AsNoTracking().Where(s => s.Id == a || s.Id == b || s.Id == c || s.Id == d || s.Id == e || s.Id == kept).ToDictionaryAsync(s => s.Id));
        Assert.Equal(SignatureState.Confirmed, rows[kept].State);
        Assert.Equal("Ana", rows[kept].FirstName);
        Assert.Equal(SignatureState.Withdrawn, rows[a].State);
        Assert.Null(rows[a].FirstName);
        Assert.Null(rows[a].LastName);
        Assert.Null(rows[a].EmailKey);
        Assert.Null(rows[a].EmailDomain);
        Assert.Null(rows[a].Institution);
        Assert.Null(rows[a].SearchText);
        Assert.Equal(SignatureState.Rejected, rows[c].State);
        Assert.False(rows[d].AcceptsNews);
        Assert.Null(rows[d].SealedEmail);
        Assert.Equal(SignatureState.Confirmed, rows[d].State);
        Assert.False(rows.ContainsKey(e));
        Assert.False(rows.ContainsKey(b));
        Assert.Equal(before + 2, await WithDbAsync(db => db.Campaigns.Where(x => x.Slug == RalliementApp.Slug).Select(x => x.SignatureCount).SingleAsync()));
        Assert.Equal(before + 2, await WithDbAsync(db => db.Signatures.CountAsync(s => s.State == SignatureState.Confirmed && s.Campaign.Slug == RalliementApp.Slug)));
        if (!TestDatabase.IsPostgres)
        {
            Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "ralliement.db.before-restore")));
        }

        // B's id, written in the log, is never given again: a later restore would erase the wrong person.
        var next = await WithDbAsync(async db =>
        {
            var signature = new Signature { CampaignId = rows[kept].CampaignId, State = SignatureState.Pending, Language = "fr", CreatedAt = DateTime.UtcNow };
            db.Signatures.Add(signature);
            await db.SaveChangesAsync();
            return signature.Id;
        });
        Assert.True(next > b, $"the new signature took id {next}, not above {b}");
    }

    /// <summary>Stops the in-process site as an operator stops the service; its database stays reachable to the test.</summary>
    private async Task StopSiteAsync()
    {
        _ = Settings;
        _app.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();
        if (!TestDatabase.IsPostgres)
        {
            var file = Path.Combine(_app.DataDirectory, "ralliement.db");
            await RalliementApp.EventuallyAsync(() =>
            {
                using var alone = SiteLock.TryTakeAlone(file);
                return Task.FromResult(alone is not null);
            }, "the site to let go of its database");
        }
    }

    [Fact]
    public async Task A_restore_replays_the_logs_of_every_node_given()
    {
        var first = RalliementApp.UniqueEmail("first");
        var second = RalliementApp.UniqueEmail("second");
        var one = await SignedAsync(first);
        var two = await SignedAsync(second);
        Assert.Equal(0, await RunAsync("backup", "--output", Backup));
        await _app.WithdrawAsync(await _app.EmailToAsync(first));
        var otherNode = Path.Combine(_folder, "node-2.log");
        await File.WriteAllTextAsync(otherNode, $"2026-11-22T09:00:01.0000000Z signature-erased {two}\nthis line was cut by a cra");
        await StopSiteAsync();

        Assert.Equal(0, await RunAsync("restore", "--input", Backup, "--yes",
            "--erasures", Path.Combine(_app.DataDirectory, "erasures.log"), "--erasures", otherNode));

        Assert.Contains("re-applied 2 erasures", _errors.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 line of the erasure logs could not be read", _errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(SignatureState.Withdrawn, await WithDbAsync(db => db.Signatures.Where(s => s.Id == one).Select(s => s.State).SingleAsync()));
        Assert.False(await WithDbAsync(db => db.Signatures.AnyAsync(s => s.Id == two)));
    }

    [Fact]
    public async Task An_organisation_deleted_after_the_backup_stays_deleted_with_its_signatures()
    {
        var campaign = await _app.CampaignOfAsync("collectif-parti", "texte-parti");
        var signature = await _app.SignatureAsync(SignatureState.Confirmed, campaignId: campaign);
        Assert.Equal(0, await RunAsync("backup", "--output", Backup));
        var organisation = await _app.WithDbAsync(db => db.Organisations.SingleAsync(o => o.Slug == "collectif-parti"));
        await _app.WithAsync<Ralliement.Organisations.DeleteOrganisation, int>(async delete =>
        {
            await delete.HandleAsync(new OrganisationContext(organisation.Id, organisation.Slug, organisation.Name, OrganisationRole.Owner, "", "owner@example.org"), CancellationToken.None);
            return 0;
        });
        await StopSiteAsync();

        Assert.Equal(0, await RunAsync("restore", "--input", Backup, "--yes"));

        Assert.Contains("re-applied 1 erasure recorded after the backup", _errors.ToString(), StringComparison.Ordinal);
        Assert.False(await WithDbAsync(db => db.Organisations.AnyAsync(o => o.Id == organisation.Id)));
        Assert.False(await WithDbAsync(db => db.Campaigns.AnyAsync(c => c.Id == campaign)));
        Assert.False(await WithDbAsync(db => db.Signatures.AnyAsync(s => s.Id == signature)));
        Assert.True(await WithDbAsync(db => db.Organisations.AnyAsync(o => o.Slug == RalliementApp.DemoOrganisation)));
    }

    [Fact]
    public async Task The_erasure_log_holds_the_time_the_kind_and_the_id_and_nothing_personal()
    {
        var email = RalliementApp.UniqueEmail("leaving");
        var id = await SignedAsync(email);
        await _app.WithdrawAsync(await _app.EmailToAsync(email));

        var line = Assert.Single(await File.ReadAllLinesAsync(Path.Combine(_app.DataDirectory, "erasures.log")));
        Assert.Matches($@"^\d{{4}}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{{7}}Z signature-withdrawn {id}$", line);
    }
}
