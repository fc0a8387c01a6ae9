using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ScaleOut;

/// <summary>Two app nodes serve one campaign from one PostgreSQL database, as behind a load balancer.</summary>
public sealed class TwoNodesTests : IDisposable
{
    private readonly string _database = $"ralliement_test_nodes_{Guid.NewGuid():N}";
    private readonly string _mail = Directory.CreateTempSubdirectory("ralliement-nodes-mail-").FullName;
    private readonly RalliementApp _first;
    private readonly RalliementApp _second;

    public TwoNodesTests()
    {
        _first = Node();
        _second = Node();
    }

    private RalliementApp Node()
    {
        var node = new RalliementApp();
        if (TestDatabase.IsPostgres)
        {
            node.Settings["Database:Provider"] = "Postgres";
            node.Settings["ConnectionStrings:Ralliement"] = TestDatabase.ConnectionString(_database);
            foreach (var (key, value) in TestDatabase.PrivacySettings)
            {
                node.Settings[key] = value;
            }
        }
        // Either node may send any email of the shared outbox: both write to one folder.
        node.Settings["Mail:PickupDirectory"] = _mail;
        return node;
    }

    public void Dispose()
    {
        _first.Dispose();
        _second.Dispose();
        if (TestDatabase.IsPostgres)
        {
            TestDatabase.DropPostgres(_database);
        }
        Directory.Delete(_mail, recursive: true);
    }

    [PostgresFact]
    public async Task A_signature_confirmed_on_one_node_is_counted_on_the_other_within_a_second()
    {
        _ = _first.Address;
        var before = await _second.PublicCountAsync();
        var email = RalliementApp.UniqueEmail("node");

        Assert.Equal(HttpStatusCode.SeeOther, (await _first.SignAsync(RalliementApp.Form(email))).StatusCode);
        var confirmation = await EmailAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await _first.ConfirmAsync(confirmation)).StatusCode);

        var clock = Stopwatch.StartNew();
        var seen = before;
        while (seen == before && clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            seen = await _second.PublicCountAsync();
            await Task.Delay(20);
        }
        Assert.Equal(before + 1, seen);
        // The public pages may be up to one second stale; the margin is for this busy test machine.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1.5), $"The other node showed the new count after {clock.Elapsed.TotalMilliseconds:F0} ms.");
    }

    [PostgresFact]
    public async Task The_same_address_signing_through_both_nodes_at_once_is_one_signature()
    {
        // Both nodes start together on an empty database: one migrates and seeds, the other waits or finds it done.
        await Task.WhenAll(Task.Run(() => _first.Address), Task.Run(() => _second.Address));
        var addresses = Enumerable.Range(0, 25).Select(i => RalliementApp.UniqueEmail($"twice{i}")).ToList();

        var answers = await Task.WhenAll(addresses.SelectMany(email => new[]
        {
            _first.SignAsync(RalliementApp.Form(email)),
            _second.SignAsync(RalliementApp.Form(email.ToUpperInvariant())),
        }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode));
        var keys = addresses.Select(_first.KeyOf).ToList();
        var rows = await _first.WithDbAsync(db => db.Signatures.Where(s => keys.Contains(s.EmailKey!)).Select(s => s.EmailKey).ToListAsync());
        Assert.Equal(keys.Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
    }

    private async Task<MimeKit.MimeMessage> EmailAsync(string address)
    {
        for (var i = 0; i < 150; i++)
        {
            var found = Directory.GetFiles(_mail, "*.eml").Select(path => MimeKit.MimeMessage.Load(path))
                .FirstOrDefault(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)));
            if (found is not null)
            {
                return found;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email arrived for {address} in 15 seconds.");
    }
}
