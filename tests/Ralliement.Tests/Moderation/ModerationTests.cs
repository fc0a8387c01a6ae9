using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Moderation;

public sealed class ModerationTests : IDisposable
{
    private const string Queue = "/en/organiser/collectif-demo/moderation";
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Ticks the signatures and presses an action's button, as a moderator does in the queue (and confirms a rejection on its second page).</summary>
    private static async Task<HttpResponseMessage> ActAsync(HttpClient client, string action, IEnumerable<long> ids, string? note = null, bool confirmed = true)
    {
        // The form, and its token, show when the queue lists something.
        var page = await client.GetStringAsync(Queue);
        if (!page.Contains("__RequestVerificationToken", StringComparison.Ordinal))
        {
            page = await client.GetStringAsync(Queue + "?state=confirmed");
        }
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", RalliementApp.AntiforgeryToken(page)),
            new("act", action),
        };
        fields.AddRange(ids.Select(id => new KeyValuePair<string, string>("ids", id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        if (note is not null)
        {
            fields.Add(new("note", note));
        }
        if (confirmed)
        {
            fields.Add(new("confirmed", "true"));
        }
        return await client.PostAsync(Queue, new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task The_queue_the_signature_detail_and_the_audit_log_give_times_in_the_organisations_time_zone()
    {
        var id = await _app.SignatureAsync(SignatureState.Held, firstName: "Zoned", lastName: "Signer");
        // 22:30 UTC on 15 January is 17:30 in New York and 23:30 in Paris.
        var at = new DateTime(2027, 1, 15, 22, 30, 0, DateTimeKind.Utc);
        await _app.WithDbAsync(db => db.Signatures.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, at)));
        await _app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == "collectif-demo")
            .ExecuteUpdateAsync(o => o.SetProperty(x => x.TimeZone, "America/New_York")));
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var queue = await moderator.GetStringAsync(Queue);
        var detail = await moderator.GetStringAsync($"{Queue}/{id}");

        Assert.Contains("15 Jan 2027 17:30", queue, StringComparison.Ordinal);
        Assert.Contains("America/New_York", queue, StringComparison.Ordinal);
        Assert.DoesNotContain("22:30", queue, StringComparison.Ordinal);
        Assert.Contains("15 Jan 2027 17:30 (New York)", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejecting_first_lists_the_signatures_on_a_confirmation_page_and_changes_nothing()
    {
        var first = await _app.SignatureAsync(SignatureState.Held, firstName: "Doubtful", lastName: "One");
        var second = await _app.SignatureAsync(SignatureState.Held, firstName: "Doubtful", lastName: "Two");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var response = await ActAsync(moderator, "reject", [first, second], note: "spam", confirmed: false);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Reject these 2 signatures?", page, StringComparison.Ordinal);
        Assert.Contains("Doubtful One", page, StringComparison.Ordinal);
        Assert.Contains("Doubtful Two", page, StringComparison.Ordinal);
        Assert.Contains(@"name=""confirmed"" value=""true""", page, StringComparison.Ordinal);
        Assert.Contains(@"name=""note"" value=""spam""", page, StringComparison.Ordinal);
        Assert.Equal(SignatureState.Held, (await _app.SignatureByIdAsync(first)).State);
        Assert.Equal(SignatureState.Held, (await _app.SignatureByIdAsync(second)).State);
        Assert.Equal(0, await _app.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == "signature.reject")));
    }

    [Fact]
    public async Task Approving_all_shown_approves_the_rows_the_page_showed_and_not_one_held_since()
    {
        var first = await _app.SignatureAsync(SignatureState.Held, firstName: "Seen", lastName: "One");
        var second = await _app.SignatureAsync(SignatureState.Held, firstName: "Seen", lastName: "Two");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);
        var queue = await moderator.GetStringAsync(Queue);
        var later = await _app.SignatureAsync(SignatureState.Held, firstName: "Arrived", lastName: "Later");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", RalliementApp.AntiforgeryToken(queue)),
            new("act", "approve-shown"),
        };
        fields.AddRange(System.Text.RegularExpressions.Regex.Matches(queue, @"name=""shown"" value=""(\d+)""").Select(m => new KeyValuePair<string, string>("shown", m.Groups[1].Value)));

        var response = await moderator.PostAsync(Queue, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("done=approve&changed=2", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(SignatureState.Confirmed, (await _app.SignatureByIdAsync(first)).State);
        Assert.Equal(SignatureState.Confirmed, (await _app.SignatureByIdAsync(second)).State);
        Assert.Equal(SignatureState.Held, (await _app.SignatureByIdAsync(later)).State);
    }

    [BothDatabases]
    [Fact]
    public async Task Approving_held_signatures_counts_them_shows_them_and_logs_one_entry()
    {
        var first = await _app.SignatureAsync(SignatureState.Held, firstName: "Held", lastName: "One");
        var second = await _app.SignatureAsync(SignatureState.Held, firstName: "Held", lastName: "Two");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);
        Assert.Equal(0, await _app.PublicCountAsync());

        var response = await ActAsync(moderator, "approve", [first, second]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("done=approve&changed=2", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(2, await _app.PublicCountAsync());
        Assert.Equal(SignatureState.Confirmed, (await _app.SignatureByIdAsync(first)).State);
        Assert.NotNull((await _app.SignatureByIdAsync(first)).ConfirmedAt);
        Assert.Contains("Held One", await _app.PublicListAsync(), StringComparison.Ordinal);
        var entry = await _app.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "signature.approve"));
        Assert.Equal($"count=2; ids={first},{second}", entry.Details);
        Assert.DoesNotContain("Held", entry.Details, StringComparison.Ordinal);

        // Approving again changes nothing and counts nothing.
        await ActAsync(moderator, "approve", [first, second]);
        Assert.Equal(2, await _app.SignatureCountAsync());
    }

    [Slow]
    [BothDatabases]
    [Fact]
    public async Task Two_moderators_approving_the_same_signatures_at_once_count_them_once()
    {
        var ids = new List<long>();
        for (var i = 0; i < 10; i++)
        {
            ids.Add(await _app.SignatureAsync(SignatureState.Held, firstName: $"Wave{i}"));
        }
        using var one = await _app.SignedInAsync(OrganisationRole.Moderator);
        using var two = await _app.SignedInAsync(OrganisationRole.Moderator);

        var answers = await Task.WhenAll(ActAsync(one, "approve", ids), ActAsync(two, "approve", ids), ActAsync(one, "approve", ids.Take(5)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        Assert.Equal(10, answers.Sum(a => int.Parse(a.Headers.Location!.OriginalString.Split("changed=")[1], System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(10, await _app.SignatureCountAsync());
    }

    [BothDatabases]
    [Fact]
    public async Task Rejecting_takes_a_confirmed_signature_off_the_count_and_keeps_its_address_so_it_cannot_sign_again()
    {
        var email = RalliementApp.UniqueEmail("rejected");
        var confirmed = await _app.SignatureAsync(SignatureState.Confirmed, email: email, firstName: "Spam", lastName: "Bot");
        var held = await _app.SignatureAsync(SignatureState.Held);
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);
        Assert.Equal(1, await _app.SignatureCountAsync());

        await ActAsync(moderator, "reject", [confirmed, held], note: "spam");

        Assert.Equal(0, await _app.SignatureCountAsync());
        var rejected = await _app.SignatureByIdAsync(confirmed);
        Assert.Equal(SignatureState.Rejected, rejected.State);
        Assert.Equal(_app.KeyOf(email), rejected.EmailKey);
        Assert.Equal("Spam", rejected.FirstName);
        Assert.Equal("spam", rejected.ModerationNote);
        Assert.Equal(SignatureState.Rejected, (await _app.SignatureByIdAsync(held)).State);
        Assert.DoesNotContain("Spam Bot", await _app.PublicListAsync(), StringComparison.Ordinal);
    }

    [BothDatabases]
    [Fact]
    public async Task Hiding_a_name_keeps_the_count_and_showing_again_never_shows_a_signer_who_chose_not_to_appear()
    {
        var shown = await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Visible", lastName: "Person");
        var discreet = await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Discreet", lastName: "Person", showPublicly: false);
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        await ActAsync(moderator, "hide", [shown], note: "at the signer's request");

        Assert.DoesNotContain("Visible Person", await _app.PublicListAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await _app.SignatureCountAsync());
        Assert.Contains("at the signer&#x27;s request", await moderator.GetStringAsync(Queue + "?state=confirmed"), StringComparison.Ordinal);

        var again = await ActAsync(moderator, "show", [shown, discreet]);

        Assert.Contains("changed=1", again.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Visible Person", await _app.PublicListAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Discreet Person", await _app.PublicListAsync(), StringComparison.Ordinal);
        Assert.Equal(2, await _app.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == "signature.hide" || e.Action == "signature.show")));
    }

    [Slow]
    [Fact]
    public async Task The_queue_shows_held_signatures_with_the_email_domain_never_the_address_and_filters_them()
    {
        await _app.SignatureAsync(SignatureState.Held, email: "ana.lopes@univ-test.example", firstName: "Ana", lastName: "Held");
        await _app.SignatureAsync(SignatureState.Held, email: "bob@spam.example", firstName: "Bob", lastName: "Held");
        await _app.SignatureAsync(SignatureState.Confirmed, email: "carla@univ-test.example", firstName: "Carla", lastName: "Confirmed");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var queue = await moderator.GetAsync(Queue);
        var page = await queue.Content.ReadAsStringAsync();

        Assert.True(queue.Headers.CacheControl?.NoStore);
        Assert.Contains("Ana Held", page, StringComparison.Ordinal);
        Assert.Contains("Bob Held", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Carla", page, StringComparison.Ordinal);
        Assert.Contains("univ-test.example", page, StringComparison.Ordinal);
        Assert.DoesNotContain("ana.lopes@", page, StringComparison.Ordinal);
        var byDomain = await moderator.GetStringAsync(Queue + "?domain=spam.example");
        Assert.Contains("Bob Held", byDomain, StringComparison.Ordinal);
        Assert.DoesNotContain("Ana Held", byDomain, StringComparison.Ordinal);
        Assert.Contains("Carla Confirmed", await moderator.GetStringAsync(Queue + "?state=confirmed"), StringComparison.Ordinal);
        Assert.DoesNotContain("Bob Held", await moderator.GetStringAsync(Queue + "?q=ana"), StringComparison.Ordinal);
        Assert.Contains("Ana Held", await moderator.GetStringAsync(Queue + "?from=2026-11-22&to=2026-11-22"), StringComparison.Ordinal);
        Assert.DoesNotContain("Ana Held", await moderator.GetStringAsync(Queue + "?from=2026-11-23"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_full_address_shows_only_on_a_signatures_own_page_and_only_to_its_organisation()
    {
        var id = await _app.SignatureAsync(SignatureState.Held, email: "ana.detail@univ-test.example", firstName: "Ana", lastName: "Detail", acceptsNews: true);
        var foreign = await _app.SignatureAsync(SignatureState.Held, campaignId: await _app.CampaignOfAsync("autre-collectif", "autre-texte"));
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);
        using var editor = await _app.SignedInAsync(OrganisationRole.Editor);

        var queue = await moderator.GetStringAsync(Queue);
        var detail = await moderator.GetStringAsync($"{Queue}/{id}");

        Assert.Contains($"href=\"{Queue}/{id}\"", queue, StringComparison.Ordinal);
        Assert.Contains("ana.detail@univ-test.example", detail, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await moderator.GetAsync($"{Queue}/{foreign}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editor.GetAsync($"{Queue}/{id}")).StatusCode);
    }

    [Slow]
    [Fact]
    public async Task The_queue_pages_by_50_newest_first()
    {
        for (var i = 0; i < 51; i++)
        {
            await _app.SignatureAsync(SignatureState.Held, firstName: $"N{i:00}", lastName: "Queue");
        }
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var first = await moderator.GetStringAsync(Queue);

        Assert.Contains("N50 Queue", first, StringComparison.Ordinal);
        Assert.DoesNotContain("N00 Queue", first, StringComparison.Ordinal);
        var next = System.Text.RegularExpressions.Regex.Match(first, @"href=""([^""]+before=\d+)""").Groups[1].Value;
        var second = await moderator.GetStringAsync(System.Net.WebUtility.HtmlDecode(next));
        Assert.Contains("N00 Queue", second, StringComparison.Ordinal);
        Assert.DoesNotContain("N01 Queue", second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_of_another_organisation_cannot_be_moderated_from_this_one()
    {
        var foreignCampaign = await _app.CampaignOfAsync("autre-collectif", "autre-texte");
        var foreign = await _app.SignatureAsync(SignatureState.Held, campaignId: foreignCampaign);
        await _app.SignatureAsync(SignatureState.Held);
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var response = await ActAsync(moderator, "approve", [foreign]);

        Assert.Contains("changed=0", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(SignatureState.Held, (await _app.SignatureByIdAsync(foreign)).State);
        Assert.Equal(0, await _app.SignatureCountAsync(foreignCampaign));
    }

    [Fact]
    public async Task An_action_with_nothing_ticked_is_refused_with_a_message()
    {
        await _app.SignatureAsync(SignatureState.Held);
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var response = await ActAsync(moderator, "approve", []);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Tick at least one signature", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
