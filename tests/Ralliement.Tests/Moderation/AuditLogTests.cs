using System.Net;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Moderation;

public sealed class AuditLogTests : IDisposable
{
    private const string Log = "/en/organiser/collectif-demo/audit";
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task An_owner_reads_what_a_moderator_did_newest_first_and_filters_by_action()
    {
        var held = await _app.SignatureAsync(SignatureState.Held, firstName: "Private", lastName: "Name");
        var campaign = await _app.DemoCampaignIdAsync();
        var moderatorEmail = await _app.OrganiserAccountAsync(OrganisationRole.Moderator);
        using var moderator = _app.Browser();
        await RalliementApp.LogInAsync(moderator, moderatorEmail, RalliementApp.TestPassword);
        var queue = await moderator.GetStringAsync("/en/organiser/collectif-demo/moderation");
        await moderator.PostAsync("/en/organiser/collectif-demo/moderation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = RalliementApp.AntiforgeryToken(queue),
            ["act"] = "approve",
            ["ids"] = held.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        (await moderator.GetAsync($"/en/organiser/collectif-demo/campaigns/{campaign}/export.csv?set=signatures")).Dispose();
        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);

        var log = await owner.GetStringAsync(Log);

        Assert.Contains(moderatorEmail, log, StringComparison.Ordinal);
        Assert.Contains("signature.approve", log, StringComparison.Ordinal);
        Assert.Contains($"count=1; ids={held}", log, StringComparison.Ordinal);
        Assert.Contains("export.signatures", log, StringComparison.Ordinal);
        Assert.True(log.IndexOf("export.signatures", StringComparison.Ordinal) < log.IndexOf("signature.approve", StringComparison.Ordinal), "newest first");
        Assert.DoesNotContain("Private", log, StringComparison.Ordinal);
        var filtered = await owner.GetStringAsync(Log + "?action=export.");
        Assert.Contains("export.signatures", filtered, StringComparison.Ordinal);
        Assert.DoesNotContain("signature.approve", filtered, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(OrganisationRole.Editor)]
    [InlineData(OrganisationRole.Moderator)]
    public async Task Only_owners_read_the_log(OrganisationRole role)
    {
        using var member = await _app.SignedInAsync(role);

        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(Log)).StatusCode);
    }

    [Fact]
    public async Task The_log_pages_by_50()
    {
        await _app.WithDbAsync(async db =>
        {
            var organisation = db.Organisations.Single(o => o.Slug == RalliementApp.DemoOrganisation).Id;
            for (var i = 0; i < 51; i++)
            {
                db.AuditLog.Add(new AuditEntry { OrganisationId = organisation, Actor = "someone@example.org", Action = $"test.entry{i:00}", Target = "campaign:1", At = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc) });
            }
            return await db.SaveChangesAsync();
        });
        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);

        var first = await owner.GetStringAsync(Log + "?action=test.");

        Assert.Contains("test.entry50", first, StringComparison.Ordinal);
        Assert.DoesNotContain("test.entry00", first, StringComparison.Ordinal);
        var next = System.Text.RegularExpressions.Regex.Match(first, @"href=""([^""]+before=\d+)""").Groups[1].Value;
        Assert.Contains("test.entry00", await owner.GetStringAsync(System.Net.WebUtility.HtmlDecode(next)), StringComparison.Ordinal);
    }
}
