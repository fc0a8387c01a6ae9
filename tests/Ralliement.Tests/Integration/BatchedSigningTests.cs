using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Signing;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Integration;

/// <summary>
/// Signatures go through one writer that commits them in batches. These tests read the database
/// right after the answer: "check your inbox" must mean the signature and its email are stored.
/// </summary>
[BothDatabases]
public sealed class BatchedSigningTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public BatchedSigningTests()
    {
        // The outbox keeps each email's address until it is sent: here nothing is sent, so it can be checked.
        _app.Settings["Mail:SendInBackground"] = "false";
    }

    public void Dispose() => _app.Dispose();

    private Task<int> RowsForAsync(string email)
    {
        var key = _app.KeyOf(email);
        return _app.WithDbAsync(db => db.Signatures.CountAsync(s => s.EmailKey == key));
    }

    /// <summary>The addresses waiting in the outbox, which keeps them sealed.</summary>
    private async Task<List<string>> OutboxAddressesAsync() =>
        (await _app.WithDbAsync(db => db.Outbox.Where(m => m.State == OutboxState.Pending).Select(m => m.To).ToListAsync()))
        .Select(_app.Addresses.Open).ToList();

    [Fact]
    public async Task An_acknowledged_signature_is_stored_with_its_token_and_its_email_in_the_outbox()
    {
        var email = RalliementApp.UniqueEmail("acked");

        var answer = await _app.SignAsync(RalliementApp.Form(email, firstName: "Aïcha"));

        Assert.Equal(HttpStatusCode.SeeOther, answer.StatusCode);
        var stored = await _app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.EmailKey == _app.KeyOf(email)));
        Assert.Equal("Aïcha", stored.FirstName);
        // Until the signer confirms, the address is kept sealed, never in clear.
        Assert.Equal(email, _app.Addresses.Open(stored.SealedEmail!));
        Assert.DoesNotContain("@", stored.SealedEmail + stored.EmailKey, StringComparison.Ordinal);
        Assert.Equal(SignatureState.Pending, stored.State);
        Assert.Equal(1, await _app.WithDbAsync(db => db.ConfirmationTokens.CountAsync(t => t.SignatureId == stored.Id)));
        var message = (await _app.WithDbAsync(db => db.Outbox.AsNoTracking().ToListAsync())).Single(m => _app.Addresses.Open(m.To) == email);
        Assert.StartsWith("Confirmez votre signature", message.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_hundred_simultaneous_signers_some_posting_twice_get_one_answer_each_and_one_signature_per_address()
    {
        var addresses = Enumerable.Range(0, 160).Select(i => RalliementApp.UniqueEmail($"crowd{i}")).ToList();
        // Forty signers press the button twice, the second time with the address in capitals.
        var posts = addresses.Concat(addresses.Take(40).Select(a => a.ToUpperInvariant())).ToList();
        using var client = _app.Browser();

        var answers = await Task.WhenAll(posts.Select(email =>
            client.PostAsync($"/fr/c/{RalliementApp.Slug}/sign", new FormUrlEncodedContent(RalliementApp.Form(email)))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.SeeOther, a.StatusCode));
        var keys = addresses.Select(_app.KeyOf).ToList();
        var rows = await _app.WithDbAsync(db => db.Signatures.Where(s => keys.Contains(s.EmailKey!)).Select(s => s.EmailKey!).ToListAsync());
        Assert.Equal(keys.Order(), rows.Order());
        // A second post within the repeat interval writes no second email.
        var lower = addresses.Select(a => a.ToLowerInvariant()).ToList();
        var emails = (await OutboxAddressesAsync()).Select(a => a.ToLowerInvariant()).Where(lower.Contains).ToList();
        Assert.Equal(lower.Order(), emails.Order());
    }

    [Fact]
    public async Task A_signature_racing_another_node_for_the_same_address_becomes_a_repeat_that_changes_nothing_signed()
    {
        var email = RalliementApp.UniqueEmail("race");
        var other = RalliementApp.UniqueEmail("bystander");
        await WarmUpAsync();
        await using var otherNode = await HoldSignatureAsync(email, "Première");

        // The writer reads no signature for this address, then waits on the other node's write.
        var racing = _app.SignAsync(RalliementApp.Form(email, firstName: "Seconde"));
        await Task.Delay(300);
        var bystander = _app.SignAsync(RalliementApp.Form(other));
        await Task.Delay(300);
        await otherNode.CommitAsync();

        Assert.Equal(HttpStatusCode.SeeOther, (await racing).StatusCode);
        Assert.Equal(HttpStatusCode.SeeOther, (await bystander).StatusCode);
        var stored = await _app.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.EmailKey == _app.KeyOf(email)));
        Assert.Equal("Première", stored.FirstName);
        Assert.Equal(1, await RowsForAsync(other));
        // The other node's signature was an hour old: this repeat sends its signer a fresh link.
        Assert.Contains(email, await OutboxAddressesAsync());
    }

    [Fact]
    public async Task A_full_queue_answers_at_once_with_503_Retry_After_and_the_form_as_typed_and_loses_nothing_queued()
    {
        _app.Settings["Signing:WriteQueueCapacity"] = "1";
        await WarmUpAsync();
        var blocked = RalliementApp.UniqueEmail("blocked");
        var posted = new List<(string Email, Task<HttpResponseMessage> Answer)>();
        HttpResponseMessage? refused = null;
        await using (var otherNode = await HoldSignatureAsync(blocked, "Bloquée"))
        {
            // The writer is stuck behind the other node's write; one more signature fills the queue.
            posted.Add((blocked, _app.SignAsync(RalliementApp.Form(blocked))));
            for (var i = 0; i < 10 && refused is null; i++)
            {
                var email = RalliementApp.UniqueEmail("queued");
                var answer = _app.SignAsync(RalliementApp.Form(email, firstName: "Zélie", lastName: "Patiente"));
                posted.Add((email, answer));
                if (await Task.WhenAny(answer, Task.Delay(300)) == answer)
                {
                    refused = await answer;
                }
            }
            await otherNode.RollbackAsync();
        }

        Assert.NotNull(refused);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Réessayez dans un instant", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Zélie\"", page, StringComparison.Ordinal);
        Assert.Contains("value=\"Patiente\"", page, StringComparison.Ordinal);
        await AssertEachAnswerHeldAsync(posted);
    }

    [Fact]
    public async Task Signatures_waiting_when_the_process_stops_are_written_and_later_ones_are_told_to_retry()
    {
        await WarmUpAsync();
        var writer = _app.Services.GetRequiredService<SignatureWriter>();
        Task stopping;
        List<(string Email, Task<HttpResponseMessage> Answer)> posted;
        await using (var otherNode = await HoldSignatureAsync(RalliementApp.UniqueEmail("holder"), "Tenace"))
        {
            posted = Enumerable.Range(0, 5).Select(i => RalliementApp.UniqueEmail($"draining{i}"))
                .Select(email => (email, _app.SignAsync(RalliementApp.Form(email)))).ToList();
            await Task.Delay(500);
            stopping = writer.StopAsync(CancellationToken.None);
            var late = await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("late")));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, late.StatusCode);
            await otherNode.RollbackAsync();
        }
        await stopping;

        var answers = await AssertEachAnswerHeldAsync(posted);
        Assert.Contains(HttpStatusCode.SeeOther, answers);
    }

    /// <summary>A first signature, so the posts a test times reach the writer without the start-up's delays.</summary>
    private async Task WarmUpAsync() =>
        Assert.Equal(HttpStatusCode.SeeOther, (await _app.SignAsync(RalliementApp.Form(RalliementApp.UniqueEmail("warm-up")))).StatusCode);

    /// <summary>
    /// Every post got an answer that says the truth: "check your inbox" (303) only for a stored
    /// signature, "try again" (503) only for one that was not stored.
    /// </summary>
    private async Task<List<HttpStatusCode>> AssertEachAnswerHeldAsync(List<(string Email, Task<HttpResponseMessage> Answer)> posted)
    {
        var answers = new List<HttpStatusCode>();
        foreach (var (email, answer) in posted)
        {
            var status = (await answer).StatusCode;
            Assert.Contains(status, new[] { HttpStatusCode.SeeOther, HttpStatusCode.ServiceUnavailable });
            Assert.Equal(status == HttpStatusCode.SeeOther ? 1 : 0, await RowsForAsync(email));
            answers.Add(status);
        }
        return answers;
    }

    /// <summary>
    /// Another node's signature for an address, written in a transaction left open: until it ends,
    /// SQLite's write lock (or, on PostgreSQL, the unique index) makes this node's writer wait.
    /// </summary>
    private async Task<HeldWrite> HoldSignatureAsync(string email, string firstName)
    {
        var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var campaignId = await db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).Select(c => c.Id).SingleAsync();
        var transaction = await db.Database.BeginTransactionAsync();
        var anHourAgo = _app.Clock.GetUtcNow().UtcDateTime.AddHours(-1);
        db.Signatures.Add(new Signature
        {
            CampaignId = campaignId,
            State = SignatureState.Pending,
            Language = "fr",
            FirstName = firstName,
            LastName = "Autre-Nœud",
            SealedEmail = _app.Seal(email),
            EmailKey = _app.KeyOf(email),
            CreatedAt = anHourAgo,
            LastMailAt = anHourAgo,
        });
        await db.SaveChangesAsync();
        if (TestDatabase.IsPostgres)
        {
            // SQLite has one write lock, so the row above already stalls every writer; PostgreSQL
            // would only stall a write of this very address, whatever order the posts arrive in.
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"Signatures\" IN SHARE ROW EXCLUSIVE MODE");
        }
        return new HeldWrite(scope, transaction);
    }

    private sealed class HeldWrite(AsyncServiceScope scope, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction) : IAsyncDisposable
    {
        public Task CommitAsync() => transaction.CommitAsync();

        public Task RollbackAsync() => transaction.RollbackAsync();

        public async ValueTask DisposeAsync()
        {
            await transaction.DisposeAsync();
            await scope.DisposeAsync();
        }
    }
}
