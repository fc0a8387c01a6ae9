using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ScaleOut;

/// <summary>Two app nodes serve one campaign from one PostgreSQL database, as behind a load balancer.</summary>
[BothDatabases]
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
        var node = new RalliementApp().NodeOf(_database);
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
    public async Task A_form_served_by_one_node_is_accepted_by_the_other_though_each_has_its_own_data_folder()
    {
        var email = RalliementApp.UniqueEmail("node-form");
        Assert.Equal(HttpStatusCode.SeeOther, (await _first.SignAsync(RalliementApp.Form(email))).StatusCode);
        var mail = await EmailAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await _first.ConfirmAsync(mail)).StatusCode);
        var link = RalliementApp.LinkIn(mail, "withdraw");
        // One browser, as behind a proxy that sends the page to one node and its form to the other.
        var cookies = new CookieContainer();
        using var first = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = _first.Address };
        using var second = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, CookieContainer = cookies }) { BaseAddress = _second.Address };

        var page = await first.GetStringAsync(link);
        var answer = await second.PostAsync(link, new FormUrlEncodedContent([new("__RequestVerificationToken", RalliementApp.AntiforgeryTokenIn(page))]));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Equal(1, await _second.WithDbAsync(db => db.Signatures.CountAsync(s => s.State == SignatureState.Withdrawn)));
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

    [PostgresFact]
    public async Task A_proof_of_work_spent_on_one_node_is_refused_as_spent_on_the_other()
    {
        await Task.WhenAll(Task.Run(() => _first.Address), Task.Run(() => _second.Address));
        // Held at once when unproven, so the stored hold tells which proof was taken as spent.
        await _first.WithDbAsync(db => db.Organisations.ExecuteUpdateAsync(o => o.SetProperty(x => x.UnprovenSignatures, Ralliement.Data.UnprovenSignatureRule.HoldAlways)));
        var proof = await _first.ProofAsync();
        var first = RalliementApp.UniqueEmail("spent-first");
        var second = RalliementApp.UniqueEmail("spent-second");

        await _first.SignAsync(new(RalliementApp.Form(first).Concat(proof)));
        await _second.SignAsync(new(RalliementApp.Form(second).Concat(proof)));

        Assert.Null(await HoldOfAsync(first));
        Assert.Equal(Ralliement.Data.HoldReason.NoProofOfWork, await HoldOfAsync(second));
    }

    [PostgresFact]
    public async Task One_proof_sent_through_both_nodes_at_once_is_spent_by_one_signature_only()
    {
        await Task.WhenAll(Task.Run(() => _first.Address), Task.Run(() => _second.Address));
        await _first.WithDbAsync(db => db.Organisations.ExecuteUpdateAsync(o => o.SetProperty(x => x.UnprovenSignatures, Ralliement.Data.UnprovenSignatureRule.HoldAlways)));
        var pairs = new List<(Dictionary<string, string> Proof, string A, string B)>();
        for (var i = 0; i < 20; i++)
        {
            pairs.Add((await _first.ProofAsync(), RalliementApp.UniqueEmail($"race-a{i}"), RalliementApp.UniqueEmail($"race-b{i}")));
        }

        var answers = await Task.WhenAll(pairs.SelectMany(p => new[]
        {
            _first.SignAsync(new(RalliementApp.Form(p.A).Concat(p.Proof))),
            _second.SignAsync(new(RalliementApp.Form(p.B).Concat(p.Proof))),
        }));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode));
        foreach (var (_, a, b) in pairs)
        {
            var holds = new[] { await HoldOfAsync(a), await HoldOfAsync(b) };
            Assert.Single(holds, h => h is null);
            Assert.Single(holds, h => h == Ralliement.Data.HoldReason.NoProofOfWork);
        }
        Assert.Equal(20, await _first.WithDbAsync(db => db.SpentProofs.CountAsync()));
    }

    private Task<Ralliement.Data.HoldReason?> HoldOfAsync(string email)
    {
        var key = _first.KeyOf(email);
        return _first.WithDbAsync(db => db.Signatures.Where(s => s.EmailKey == key).Select(s => s.HoldReason).SingleAsync());
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
