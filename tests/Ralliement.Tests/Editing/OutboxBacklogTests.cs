using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Mail;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Editing;

public sealed class OutboxBacklogTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private Task QueueAsync(int count) => _app.WithDbAsync(async db =>
    {
        var outbox = _app.Services.GetRequiredService<Outbox>();
        for (var i = 0; i < count; i++)
        {
            outbox.Add(db, $"waiting{i}@example.org", "Subject", "Body", OutboxPriority.Signer);
        }
        return await db.SaveChangesAsync();
    });

    private static async Task<string> OverviewAsync(HttpClient client, int id, string language)
    {
        var page = await client.GetStringAsync(EditorSteps.Campaign(id).Replace("/fr/", $"/{language}/", StringComparison.Ordinal));
        return WebUtility.HtmlDecode(page);
    }

    [Fact]
    public async Task The_campaign_overview_shows_how_many_emails_wait_and_for_how_long_in_both_languages()
    {
        _app.Settings["Mail:SendInBackground"] = "false";
        var client = await _app.SignedInAsync(OrganisationRole.Editor);
        var id = await EditorSteps.CreateDraftAsync(client, "attente");

        var empty = await OverviewAsync(client, id, "fr");
        Assert.Contains("<td>0\u00a0e\u2011mail</td>", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("partent en retard", empty, StringComparison.Ordinal);
        Assert.Contains("<td>0\u00a0emails</td>", await OverviewAsync(client, id, "en"), StringComparison.Ordinal);

        await QueueAsync(1);
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Contains("<td>1\u00a0seconde</td>", await OverviewAsync(client, id, "fr"), StringComparison.Ordinal);
        Assert.Contains("<td>1\u00a0email</td>", await OverviewAsync(client, id, "en"), StringComparison.Ordinal);

        await QueueAsync(2);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        var late = await OverviewAsync(client, id, "fr");
        Assert.Contains("<td>3\u00a0e\u2011mails</td>", late, StringComparison.Ordinal);
        Assert.Contains("<td>2\u00a0minutes</td>", late, StringComparison.Ordinal);
        Assert.Contains("Les e-mails partent en retard", late, StringComparison.Ordinal);
        var english = await OverviewAsync(client, id, "en");
        Assert.Contains("<td>3\u00a0emails</td>", english, StringComparison.Ordinal);
        Assert.Contains("Emails are leaving late", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_late_backlog_is_logged_once_a_minute_with_counts_and_ages_only()
    {
        // A mail server that never answers: the emails stay waiting.
        using var smtp = new SmtpServer(listening: false);
        _app.Settings["Mail:Smtp:Host"] = "127.0.0.1";
        _app.Settings["Mail:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _app.Settings["Mail:Smtp:Security"] = "None";
        _ = _app.Address;
        await QueueAsync(3);
        await TriedAsync(3);
        Assert.Empty(Late());

        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        await WaitForAsync(() => Late().Count == 1);
        // The sender polls every 200 ms in tests: the clock, not the polls, decides. Two more emails,
        // each tried in a later poll, prove polls went by.
        for (var i = 0; i < 2; i++)
        {
            await QueueAsync(1);
            await TriedAsync(4 + i);
        }
        var warning = Assert.Single(Late());
        Assert.Equal("3 emails wait to be sent; the oldest has waited 120 s", warning);

        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await WaitForAsync(() => Late().Count == 2);
        Assert.DoesNotContain(_app.Log.From("Ralliement"), m => m.Contains("example.org", StringComparison.Ordinal));
    }

    /// <summary>Waits until the sender has tried, and failed to send, the first <paramref name="count"/> emails.</summary>
    private Task TriedAsync(int count) => RalliementApp.EventuallyAsync(
        async () => await _app.WithDbAsync(db => db.Outbox.OrderBy(m => m.Id).Take(count).CountAsync(m => m.Attempts > 0)) == count,
        $"the sender to try {count} emails");

    private List<string> Late() => [.. _app.Log.From("Ralliement.Mail").Where(m => m.Contains("wait to be sent", StringComparison.Ordinal))];

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition());
    }
}
