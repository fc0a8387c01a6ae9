using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Ralliement.Admin;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Admin;

/// <summary><c>migrate</c> and <c>migrate --list</c>, for operators who migrate before they start the nodes.</summary>
[BothDatabases]
public sealed class MigrateCommandTests : IDisposable
{
    // A node that starts without migrating, on a database no node has migrated: what the operator runs migrate on.
    private readonly RalliementApp _app = new() { StartsOnEmptyDatabase = true };
    private readonly StringWriter _errors = new();
    // Opened anew by each command, which closes it; what it held stays readable.
    private MemoryStream? _standardOutput;

    public MigrateCommandTests() => _app.Settings["Database:MigrateOnStart"] = "false";

    public void Dispose()
    {
        _app.Dispose();
        _errors.Dispose();
        _standardOutput?.Dispose();
    }

    /// <summary>Runs a command on the app's database, with fresh output and errors.</summary>
    private async Task<int?> RunAsync(params string[] args)
    {
        _errors.GetStringBuilder().Clear();
        _standardOutput = null;
        return await AdminCommands.RunAsync([.. args, .. RalliementProcess.SettingsOf(_app)], () => _standardOutput = new MemoryStream(), _errors);
    }

    private string Output => _standardOutput is null ? "" : Encoding.UTF8.GetString(_standardOutput.ToArray());

    private Task<List<string>> AllMigrationsAsync() => _app.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));

    [Fact]
    public async Task List_names_every_pending_migration_changes_nothing_and_exits_3()
    {
        var all = await AllMigrationsAsync();

        Assert.Equal(MigrateCommand.Pending, await RunAsync("migrate", "--list"));

        Assert.Equal(all.Select(m => $"pending  {m}"), Output.TrimEnd().Split('\n'));
        Assert.Equal($"{all.Count} migrations are pending: the migrate command applies them.", _errors.ToString().Trim());
        Assert.Equal(MigrateCommand.Pending, await RunAsync("migrate", "--list"));
    }

    [Fact]
    public async Task Migrate_names_each_migration_it_applies_then_finds_the_database_up_to_date()
    {
        var all = await AllMigrationsAsync();

        Assert.Equal(0, await RunAsync("migrate"));

        Assert.Equal([.. all.Select(m => $"Applied {m}"), $"The database is up to date: {all.Count} migrations applied."], _errors.ToString().TrimEnd().Split('\n'));
        Assert.Empty(Output);

        Assert.Equal(0, await RunAsync("migrate"));
        Assert.Equal("The database is up to date.", _errors.ToString().Trim());

        Assert.Equal(0, await RunAsync("migrate", "--list"));
        Assert.Equal(all.Select(m => $"applied  {m}"), Output.TrimEnd().Split('\n'));
        Assert.Equal("The database is up to date.", _errors.ToString().Trim());
    }
}

/// <summary>A database that does not answer: one sentence, exit code 1, and the password nowhere.</summary>
public sealed class MigrateCommandUnreachableTests : IDisposable
{
    private readonly StringWriter _errors = new();
    private readonly MemoryStream _standardOutput = new();
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("ralliement-migrate-").FullName;

    public void Dispose()
    {
        _errors.Dispose();
        _standardOutput.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    [Theory]
    [InlineData("migrate")]
    [InlineData("migrate", "--list")]
    public async Task A_PostgreSQL_server_that_does_not_answer_is_said_in_one_sentence_without_the_password(params string[] command)
    {
        var connection = $"Host=127.0.0.1;Port={ClosedPort()};Database=ralliement;Username=ralliement;Password=not-to-be-printed;Timeout=3";

        var exitCode = await AdminCommands.RunAsync(
            [.. command, $"--DataDirectory={_dataDirectory}", "--Database:Provider=Postgres", $"--ConnectionStrings:Ralliement={connection}",
             .. TestDatabase.PrivacySettings.Select(setting => $"--{setting.Key}={setting.Value}")],
            () => _standardOutput, _errors);

        Assert.Equal(1, exitCode);
        var message = Assert.Single(_errors.ToString().TrimEnd().Split('\n'));
        Assert.StartsWith("The database cannot be reached (", message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-to-be-printed", message, StringComparison.Ordinal);
        Assert.Equal(0, _standardOutput.Length);
    }

    [Fact]
    public async Task A_SQLite_file_that_cannot_be_opened_is_said_in_one_sentence()
    {
        var missing = Path.Combine(_dataDirectory, "no-such-folder", "ralliement.db");

        var exitCode = await AdminCommands.RunAsync(
            ["migrate", $"--DataDirectory={_dataDirectory}", $"--ConnectionStrings:Ralliement=Data Source={missing}"], () => _standardOutput, _errors);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("The database cannot be reached (", Assert.Single(_errors.ToString().TrimEnd().Split('\n')), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostgreSQL_without_its_settings_is_named_in_the_sites_own_sentence()
    {
        var exitCode = await AdminCommands.RunAsync(
            ["migrate", $"--DataDirectory={_dataDirectory}", "--Database:Provider=Postgres", .. TestDatabase.PrivacySettings.Select(setting => $"--{setting.Key}={setting.Value}")],
            () => _standardOutput, _errors);

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Database:Provider is Postgres but ConnectionStrings:Ralliement is empty", Assert.Single(_errors.ToString().TrimEnd().Split('\n')), StringComparison.Ordinal);
    }

    /// <summary>A port nobody listens on: taken, then given back.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
