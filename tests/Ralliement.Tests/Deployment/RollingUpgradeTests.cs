using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Npgsql;
using Ralliement.ProofOfWork;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Deployment;

/// <summary>
/// Upgrading several nodes one by one: the release before the newest migration (the old node, built
/// from the repository's history by <see cref="PreviousRelease"/>) and the current build (the new node)
/// share one PostgreSQL database while the new node applies the newest migration.
/// </summary>
[Trait("Category", "Deploy")]
public sealed partial class RollingUpgradeTests : IDisposable
{
    private readonly string _database = $"ralliement_test_upgrade_{Guid.NewGuid():N}";
    private readonly string _mail = Directory.CreateTempSubdirectory("ralliement-upgrade-mail-").FullName;
    private readonly List<RalliementProcess> _nodes = [];

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }
        if (TestDatabase.IsPostgres)
        {
            TestDatabase.DropPostgres(_database);
        }
        Directory.Delete(_mail, recursive: true);
    }

    /// <summary>What both nodes are given, after their own settings, so they share one database, keys and mail folder.</summary>
    private string[] Shared(params string[] more) =>
    [
        "--Database:Provider=Postgres",
        $"--ConnectionStrings:Ralliement={TestDatabase.ConnectionString(_database)}",
        .. TestDatabase.PrivacySettings.Select(setting => $"--{setting.Key}={setting.Value}"),
        $"--Mail:PickupDirectory={_mail}",
        "--Mail:PollInterval=00:00:00.200",
        // Counts read right after a confirmation, and many signatures from 127.0.0.1 (as RalliementApp does).
        "--Caching:PublicPages=00:00:00",
        "--AntiAbuse:RateLimits:SigningPerNetwork:Burst=0",
        "--AntiAbuse:RateLimits:LinksPerNetwork:Burst=0",
        "--AntiAbuse:RateLimits:SigningPerDomain:Burst=0",
        "--AntiAbuse:Waves:Enabled=false",
        "--AntiAbuse:ProofOfWork:Difficulty=8",
        .. more,
    ];

    private async Task<RalliementProcess> OldNodeAsync()
    {
        var node = RalliementProcess.Published(await PreviousRelease.FolderAsync(), Shared());
        _nodes.Add(node);
        await node.StartAsync();
        return node;
    }

    private RalliementProcess NewNode(params string[] more)
    {
        var node = new RalliementProcess(Shared(more));
        _nodes.Add(node);
        return node;
    }

    /// <summary>The newest migration, the one the old node lacks.</summary>
    private static async Task<string> NewestMigrationAsync(RalliementProcess node)
    {
        var migrations = await node.WithDbAsync(db => Task.FromResult(db.Database.GetMigrations().ToList()));
        return migrations[^1];
    }

    /// <summary>The migrations of the current build the shared database lacks.</summary>
    private static Task<List<string>> PendingAsync(RalliementProcess node) =>
        node.WithDbAsync(async db => (await db.Database.GetPendingMigrationsAsync()).ToList());

    [PostgresFact]
    public async Task An_old_and_a_new_node_serve_one_database_while_the_new_one_applies_the_newest_migration()
    {
        var old = await OldNodeAsync();
        var newest = await NewestMigrationAsync(old);
        Assert.Equal([newest], await PendingAsync(old));
        var before = await ColumnsAsync();
        var first = await SignAsync(old);
        await ConfirmAsync(old, first);

        var upgraded = NewNode();
        var oldAnswers = new List<HttpStatusCode>();
        using (var starting = new CancellationTokenSource())
        {
            var serving = KeepAskingAsync(old, oldAnswers, starting.Token);
            await upgraded.StartAsync();
            await starting.CancelAsync();
            await serving;
        }

        Assert.Empty(await PendingAsync(upgraded));
        Assert.NotEmpty(oldAnswers);
        Assert.All(oldAnswers, status => Assert.Equal(HttpStatusCode.OK, status));
        if (!IsContracting(newest))
        {
            AssertAdditive(before, await ColumnsAsync());
        }
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(upgraded));
        // A migration the old node does not know is not one it lacks: it stays ready, so a proxy keeps
        // sending it signers (a release from before /readyz answers 404 there).
        Assert.Contains(await ReadyAsync(old), new[] { HttpStatusCode.OK, HttpStatusCode.NotFound });

        var signedOnOld = await SignAsync(old);
        var signedOnNew = await SignAsync(upgraded);
        var withdrawnOnOld = await SignAsync(upgraded);
        await ConfirmAsync(upgraded, signedOnOld);
        await ConfirmAsync(old, signedOnNew);
        await ConfirmAsync(old, withdrawnOnOld);
        await WithdrawAsync(old, withdrawnOnOld);
        await WithdrawAsync(upgraded, first);

        Assert.Equal(2, await CountAsync(old));
        Assert.Equal(2, await CountAsync(upgraded));
        old.KillHard();
        Assert.Equal(2, await CountAsync(upgraded));
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(upgraded));
    }

    [PostgresFact]
    public async Task A_new_node_told_not_to_migrate_is_not_ready_on_an_old_database_until_migrate_runs()
    {
        var old = await OldNodeAsync();
        var newest = await NewestMigrationAsync(old);
        old.KillHard();

        var upgraded = NewNode("--Database:MigrateOnStart=false");
        var warnings = upgraded.LinesContaining("migrations are not applied and Database:MigrateOnStart is false");
        await upgraded.StartAsync(answering: "/healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyAsync(upgraded));
        Assert.Equal([newest], await PendingAsync(upgraded));
        Assert.Equal(1, warnings());

        var listed = await RalliementProcess.RunCommandAsync(["migrate", "--list", .. upgraded.Settings]);
        Assert.Equal((3, $"pending  {newest}"), (listed.ExitCode, listed.Output.TrimEnd().Split('\n')[^1]));
        Assert.Equal([newest], await PendingAsync(upgraded));

        var migrated = await RalliementProcess.RunCommandAsync(["migrate", .. upgraded.Settings]);
        Assert.Equal(0, migrated.ExitCode);
        Assert.Contains($"Applied {newest}", migrated.Errors, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync(upgraded));
        Assert.Equal(0, await CountAsync(upgraded));
    }

    /// <summary>Asks the node for its campaign page until told to stop, keeping each answer's status.</summary>
    private static async Task KeepAskingAsync(RalliementProcess node, List<HttpStatusCode> answers, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = node.Address };
        while (!stop.IsCancellationRequested)
        {
            using var response = await client.GetAsync($"/fr/c/{RalliementApp.Slug}", CancellationToken.None);
            answers.Add(response.StatusCode);
            await Task.Delay(100, CancellationToken.None);
        }
    }

    private static async Task<HttpStatusCode> ReadyAsync(RalliementProcess node)
    {
        using var client = new HttpClient { BaseAddress = node.Address };
        using var response = await client.GetAsync("/readyz");
        return response.StatusCode;
    }

    private static HttpClient Browser(RalliementProcess node) =>
        new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() }) { BaseAddress = node.Address };

    /// <summary>Signs the demo campaign on a node, with the proof of work its form's script would find; returns the address.</summary>
    private static async Task<string> SignAsync(RalliementProcess node)
    {
        var email = RalliementApp.UniqueEmail("upgrade");
        using var client = Browser(node);
        var issued = (await client.GetFromJsonAsync<IssueChallenge.Response>($"/api/proof-of-work?campaign={RalliementApp.Slug}"))!;
        var form = RalliementApp.Form(email);
        form["ProofChallenge"] = issued.Challenge;
        form["ProofNonce"] = RalliementApp.Solve(issued.Challenge, issued.Difficulty);
        using var response = await client.PostAsync($"/fr/c/{RalliementApp.Slug}/sign", new FormUrlEncodedContent(form));
        Assert.True(response.StatusCode == HttpStatusCode.SeeOther, $"Signing answered {response.StatusCode}:\n{node.Output}");
        return email;
    }

    private async Task ConfirmAsync(RalliementProcess node, string email)
    {
        using var client = Browser(node);
        using var response = await client.GetAsync(RalliementApp.LinkIn(await EmailAsync(email), "confirm"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Confirming answered {response.StatusCode}:\n{node.Output}");
    }

    /// <summary>Opens the withdrawal link of the confirmation email and presses the button, on one node.</summary>
    private async Task WithdrawAsync(RalliementProcess node, string email)
    {
        using var client = Browser(node);
        var link = RalliementApp.LinkIn(await EmailAsync(email), "withdraw");
        var page = await client.GetStringAsync(link);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);
        using var response = await client.PostAsync(link, new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.SeeOther, $"Withdrawing answered {response.StatusCode}:\n{node.Output}");
    }

    /// <summary>The count the node shows on the public campaign page.</summary>
    private static async Task<int> CountAsync(RalliementProcess node)
    {
        using var client = Browser(node);
        var page = await client.GetStringAsync($"/fr/c/{RalliementApp.Slug}");
        return int.Parse(CountOnPage().Match(page).Groups[1].Value.Where(char.IsAsciiDigit).ToArray(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<MimeMessage> EmailAsync(string address)
    {
        for (var i = 0; i < 150; i++)
        {
            var found = Directory.GetFiles(_mail, "*.eml").Select(path => MimeMessage.Load(path))
                .FirstOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email arrived for {address} in 15 seconds.");
    }

    /// <summary>
    /// The second step of a change old nodes cannot survive says so in its name (<c>20270101120000_ContractOldColumn</c>):
    /// it may drop or tighten what the release before it no longer reads, so only the rest of the test applies.
    /// </summary>
    private static bool IsContracting(string migration) => migration.Split('_', 2)[^1].StartsWith("Contract", StringComparison.Ordinal);

    /// <summary>A column as PostgreSQL describes it: its type, whether it takes NULL, and its default.</summary>
    private sealed record Column(string Type, bool Nullable, string? Default);

    private async Task<Dictionary<(string Table, string Name), Column>> ColumnsAsync()
    {
        await using var connection = new NpgsqlConnection(TestDatabase.ConnectionString(_database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public'",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new Dictionary<(string, string), Column>();
        while (await reader.ReadAsync())
        {
            columns[(reader.GetString(0), reader.GetString(1))] = new(reader.GetString(2), reader.GetString(3) == "YES", reader.IsDBNull(4) ? null : reader.GetString(4));
        }
        return columns;
    }

    /// <summary>
    /// What the old node still writes and reads: every column it knows is there with its type, and takes
    /// NULL if it did; a column added to one of its tables takes NULL or has a database default, since
    /// the old node's inserts leave it out. A migration that fails this ships in two releases (docs/operating.md).
    /// </summary>
    private static void AssertAdditive(Dictionary<(string Table, string Name), Column> before, Dictionary<(string Table, string Name), Column> after)
    {
        foreach (var (key, column) in before)
        {
            Assert.True(after.TryGetValue(key, out var now), $"{key.Table}.{key.Name} is gone: the old node still reads it.");
            Assert.True(now.Type == column.Type, $"{key.Table}.{key.Name} changed from {column.Type} to {now.Type}.");
            Assert.True(now.Nullable || !column.Nullable, $"{key.Table}.{key.Name} no longer takes NULL: the old node may write it so.");
        }
        var oldTables = before.Keys.Select(k => k.Table).ToHashSet();
        foreach (var (key, column) in after.Where(c => !before.ContainsKey(c.Key) && oldTables.Contains(c.Key.Table)))
        {
            Assert.True(column.Nullable || column.Default is not null,
                $"{key.Table}.{key.Name} is new, NOT NULL and has no database default: the old node's inserts leave it out and fail.");
        }
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"class=""count"">\s*<p><strong>([^<]+)</strong>")]
    private static partial Regex CountOnPage();
}
