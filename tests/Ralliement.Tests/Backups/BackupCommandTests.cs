using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Admin;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Backups;

/// <summary>The backup and restore commands' arguments, messages and SQLite specifics (the provider-neutral story is in <see cref="BackupAndRestoreTests"/>).</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class BackupCommandTests : IDisposable
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

    private Task<int?> RunAsync(params string[] args) =>
        AdminCommands.RunAsync([.. args, .. RalliementProcess.SettingsOf(_app)], () => _standardOutput, _errors);

    private Task<int?> RunBareAsync(params string[] args) => AdminCommands.RunAsync(args, () => _standardOutput, _errors);

    /// <summary>Settings of a site on PostgreSQL that no test server answers: nothing here may reach it.</summary>
    private string[] PostgresSettings(string password) =>
    [
        $"--DataDirectory={_folder}", "--Database:Provider=Postgres",
        $"--ConnectionStrings:Ralliement=Host=127.0.0.1;Port=5432;Database=ralliement;Username=collectif;Password={password}",
        .. TestDatabase.PrivacySettings.Select(setting => $"--{setting.Key}={setting.Value}"),
    ];

    [Fact]
    public async Task A_backup_taken_while_signatures_are_written_opens_and_is_consistent()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        using var stop = new CancellationTokenSource();
        var written = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                // As a confirmation does: the row and the count in one transaction.
                await _app.WithDbAsync(async db =>
                {
                    await using var transaction = await db.Database.BeginTransactionAsync();
                    db.Signatures.Add(new Signature { CampaignId = campaign, State = SignatureState.Confirmed, Language = "fr", FirstName = "Écrite", CreatedAt = DateTime.UtcNow, ConfirmedAt = DateTime.UtcNow });
                    await db.SaveChangesAsync();
                    await db.Campaigns.Where(c => c.Id == campaign).ExecuteUpdateAsync(c => c.SetProperty(x => x.SignatureCount, x => x.SignatureCount + 1));
                    await transaction.CommitAsync();
                    return ++written;
                });
            }
        });
        var gap = await _app.WithDbAsync(async db =>
            await db.Campaigns.Where(c => c.Id == campaign).Select(c => c.SignatureCount).SingleAsync()
            - await db.Signatures.CountAsync(s => s.CampaignId == campaign && s.State == SignatureState.Confirmed));

        var backups = new List<(string File, int WrittenBefore)>();
        for (var i = 0; i < 3; i++)
        {
            await RalliementApp.EventuallyAsync(() => Task.FromResult(written > (i + 1) * 20), "signatures written meanwhile");
            var file = Path.Combine(_folder, $"during-{i}.backup");
            var writtenBefore = written;
            Assert.Equal(0, await RunAsync("backup", "--output", file));
            backups.Add((file, writtenBefore));
        }
        await stop.CancelAsync();
        await writer;

        foreach (var (file, writtenBefore) in backups)
        {
            await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
            await connection.OpenAsync();
            Assert.Equal("ok", await ScalarAsync<string>(connection, "PRAGMA integrity_check"));
            var count = await ScalarAsync<long>(connection, $"SELECT SignatureCount FROM Campaigns WHERE Id = {campaign}");
            var rows = await ScalarAsync<long>(connection, $"SELECT COUNT(*) FROM Signatures WHERE CampaignId = {campaign} AND State = 'Confirmed'");
            Assert.Equal(gap, count - rows);
            Assert.True(await ScalarAsync<long>(connection, "SELECT COUNT(*) FROM Signatures WHERE FirstName = 'Écrite'") >= writtenBefore);
            Assert.Equal("delete", await ScalarAsync<string>(connection, "PRAGMA journal_mode"));
        }
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backups[0].File));
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Wrong_arguments_exit_with_2_and_say_what_is_wrong()
    {
        Assert.Equal(2, await RunAsync("backup"));
        Assert.Contains("--output", _errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(2, await RunAsync("restore", "--yes"));
        Assert.Contains("--input", _errors.ToString(), StringComparison.Ordinal);

        var notABackup = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(notABackup, "hello");
        _errors.GetStringBuilder().Clear();
        Assert.Equal(2, await RunAsync("restore", "--input", notABackup, "--yes"));
        Assert.Contains("is not a backup of Ralliement", _errors.ToString(), StringComparison.Ordinal);

        _errors.GetStringBuilder().Clear();
        Assert.Equal(2, await RunAsync("restore", "--input", Path.Combine(_folder, "missing.backup"), "--yes"));
        Assert.Contains("There is no file", _errors.ToString(), StringComparison.Ordinal);

        var backup = Path.Combine(_folder, "site.backup");
        Assert.Equal(0, await RunAsync("backup", "--output", backup));
        _errors.GetStringBuilder().Clear();
        Assert.Equal(2, await RunAsync("restore", "--input", backup, "--yes", "--erasures", Path.Combine(_folder, "nowhere.log")));
        Assert.Contains("There is no erasure log", _errors.ToString(), StringComparison.Ordinal);
        if (Console.IsInputRedirected)
        {
            _errors.GetStringBuilder().Clear();
            Assert.Equal(2, await RunAsync("restore", "--input", backup));
            Assert.Contains("add --yes", _errors.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_SQLite_backup_is_not_restored_into_PostgreSQL()
    {
        var backup = Path.Combine(_folder, "site.backup");
        Assert.Equal(0, await RunAsync("backup", "--output", backup));
        _errors.GetStringBuilder().Clear();

        Assert.Equal(2, await RunBareAsync(["restore", "--input", backup, "--yes", .. PostgresSettings("x")]));

        Assert.Contains("is a SQLite backup; this site's database is PostgreSQL", _errors.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_pg_dump_exits_with_1_and_says_how_to_get_it()
    {
        var output = Path.Combine(_folder, "pg.backup");
        Assert.Equal(1, await RunBareAsync(["backup", "--output", output, .. PostgresSettings("s3cret-word"), "--Backups:PostgresTools=/nowhere/bin"]));

        var said = _errors.ToString();
        Assert.Contains("/nowhere/bin/pg_dump was not found", said, StringComparison.Ordinal);
        Assert.Contains("postgresql-client", said, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-word", said, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(output + ".partial"));
    }

    [Fact]
    public async Task Pg_dump_gets_the_password_in_its_environment_only_and_its_failure_is_shown_without_it()
    {
        var tools = Directory.CreateDirectory(Path.Combine(_folder, "bin")).FullName;
        var fake = Path.Combine(tools, "pg_dump");
        await File.WriteAllTextAsync(fake, "#!/bin/sh\necho \"arguments: $*\" >&2\necho \"password: $PGPASSWORD\" >&2\necho 'pg_dump: error: connection refused' >&2\nexit 3\n");
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var output = Path.Combine(_folder, "pg.backup");

        Assert.Equal(1, await RunBareAsync(["backup", "--output", output, .. PostgresSettings("s3cret-word"), $"--Backups:PostgresTools={tools}"]));

        var said = _errors.ToString();
        Assert.Contains("pg_dump failed (exit code 3)", said, StringComparison.Ordinal);
        Assert.Contains($"arguments: --host=127.0.0.1 --port=5432 --username=collectif --no-password --format=custom --file={output}.partial --dbname=ralliement", said, StringComparison.Ordinal);
        Assert.Contains("password: ***", said, StringComparison.Ordinal);
        Assert.Contains("connection refused", said, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-word", said, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Help_says_what_each_command_does_and_what_a_backup_leaves_out()
    {
        var backup = await HelpOfAsync("backup");
        Assert.Contains("--output", backup, StringComparison.Ordinal);
        Assert.Contains("pg_dump --format=custom", backup, StringComparison.Ordinal);
        Assert.Contains("does NOT hold the privacy keys", backup, StringComparison.Ordinal);

        var restore = await HelpOfAsync("restore");
        Assert.Contains("--erasures", restore, StringComparison.Ordinal);
        Assert.Contains("--yes", restore, StringComparison.Ordinal);
        Assert.Contains("stop every node yourself", restore, StringComparison.Ordinal);
    }

    private async Task<string> HelpOfAsync(string command)
    {
        var output = new MemoryStream();
        Assert.Equal(0, await AdminCommands.RunAsync([command, "--help"], () => output, _errors));
        return Encoding.UTF8.GetString(output.ToArray());
    }

    [Fact]
    public async Task An_erasure_the_log_cannot_record_still_stands_and_is_reported_without_personal_data()
    {
        using var app = new RalliementApp();
        app.Settings["Backups:ErasureLog"] = Path.Combine(_folder, "no-such-folder", "erasures.log");
        var email = RalliementApp.UniqueEmail("leaving");
        Assert.Equal(System.Net.HttpStatusCode.SeeOther, (await app.SignAsync(RalliementApp.Form(email, "Ninon", "Vallin"))).StatusCode);
        await app.ConfirmAsync(await app.EmailToAsync(email));
        var key = app.KeyOf(email);
        var id = await app.WithDbAsync(db => db.Signatures.Where(s => s.EmailKey == key).Select(s => s.Id).SingleAsync());

        Assert.Equal(System.Net.HttpStatusCode.OK, (await app.WithdrawAsync(await app.EmailToAsync(email))).StatusCode);

        Assert.Equal(SignatureState.Withdrawn, (await app.SignatureByIdAsync(id)).State);
        var errors = app.Log.From("Ralliement.Backups");
        Assert.Equal(2, errors.Count);
        Assert.Contains("no-such-folder/erasures.log cannot be written", errors[0], StringComparison.Ordinal);
        var error = errors[1];
        Assert.Contains($"signature-withdrawn of ids {id}", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Ninon", error, StringComparison.Ordinal);
        Assert.DoesNotContain(email, error, StringComparison.Ordinal);
        Assert.Equal(1, app.Services.GetRequiredService<Ralliement.Backups.ErasureLog>().FailedAppends);
    }

    [Fact]
    public async Task The_privacy_notice_says_that_a_restored_backup_never_brings_back_a_withdrawal()
    {
        using var visitor = _app.Browser();
        var french = System.Net.WebUtility.HtmlDecode(await visitor.GetStringAsync($"/fr/o/{RalliementApp.DemoOrganisation}/privacy"));
        var english = System.Net.WebUtility.HtmlDecode(await visitor.GetStringAsync($"/en/o/{RalliementApp.DemoOrganisation}/privacy"));

        Assert.Contains("Des sauvegardes du site peuvent contenir ces données\u202f; si l’une d’elles est un jour restaurée, tout retrait ou effacement fait depuis est appliqué de nouveau.", french, StringComparison.Ordinal);
        Assert.Contains("Backups of the site may hold this data; if one is ever restored, every withdrawal or erasure made since is applied again.", english, StringComparison.Ordinal);
    }
}
