using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Editing;
using Ralliement.Moderation;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Moderation;

public sealed partial class AuditSentenceTests : IDisposable
{
    private const string Log = "/organiser/collectif-demo/audit";
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    /// <summary>Where an action's name is written with a part filled at run time, the values that part takes.</summary>
    private static readonly Dictionary<string, IEnumerable<string>> Filled = new()
    {
        ["campaign.{transition.Action}"] = ChangeCampaignState.Transitions.Select(t => $"campaign.{t.Action}"),
        ["export.{setLabel}"] = ["export.signatures", "export.contacts"],
        ["signature.{action.ToString().ToLowerInvariant()}"] = Enum.GetValues<ModerationAction>().Select(a => $"signature.{a.ToString().ToLowerInvariant()}"),
    };

    [Fact]
    public void Every_action_the_code_records_has_a_sentence_in_French_and_in_English()
    {
        var source = Path.Combine(RepositoryRoot(), "src", "Ralliement");
        var actions = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories).Where(f => !f.Contains("Migrations", StringComparison.Ordinal)))
        {
            var code = File.ReadAllText(file);
            foreach (Match m in ActionName().Matches(code))
            {
                var name = m.Groups["name"].Value;
                if (m.Groups["filled"].Success)
                {
                    Assert.True(Filled.TryGetValue(name, out var values), $"{Path.GetFileName(file)} records “{name}”: say above which actions it can be.");
                    actions.UnionWith(values);
                }
                else
                {
                    actions.Add(name);
                }
            }
        }
        Assert.Contains("campaign.publish", actions);
        Assert.Contains("member.remove", actions);
        Assert.Contains("signature.reject-wave", actions);
        foreach (var resx in new[] { "ModerationText.resx", "ModerationText.en.resx" })
        {
            var keys = XDocument.Load(Path.Combine(source, "Moderation", resx)).Root!.Elements("data")
                .Select(d => (string)d.Attribute("name")!).ToHashSet(StringComparer.Ordinal);
            var missing = actions.Where(a => !keys.Contains(AuditSentence.ResourcePrefix + a)
                && !(keys.Contains(AuditSentence.ResourcePrefix + a + "Singular") && keys.Contains(AuditSentence.ResourcePrefix + a + "Plural"))).ToList();
            Assert.True(missing.Count == 0, $"{resx} has no sentence for: {string.Join(", ", missing)}");
        }
    }

    [Fact]
    public async Task The_log_tells_who_did_what_to_which_campaign_in_the_page_language()
    {
        var held = await _app.SignatureAsync(SignatureState.Held);
        var moderatorEmail = await _app.OrganiserAccountAsync(OrganisationRole.Moderator);
        await _app.WithDbAsync(db => db.Users.Where(u => u.Email == moderatorEmail).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Camille")));
        using var moderator = _app.Browser();
        await RalliementApp.LogInAsync(moderator, moderatorEmail, RalliementApp.TestPassword);
        var queue = await moderator.GetStringAsync("/en/organiser/collectif-demo/moderation");
        await moderator.PostAsync("/en/organiser/collectif-demo/moderation", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = RalliementApp.AntiforgeryToken(queue),
            ["act"] = "approve",
            ["ids"] = held.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var campaign = await _app.DemoCampaignIdAsync();
        var titles = await _app.WithDbAsync(db => db.CampaignTexts.Where(t => t.CampaignId == campaign).ToDictionaryAsync(t => t.Language, t => t.Title));
        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);

        var french = System.Net.WebUtility.HtmlDecode(await owner.GetStringAsync("/fr" + Log));
        var english = System.Net.WebUtility.HtmlDecode(await owner.GetStringAsync("/en" + Log));

        Assert.Contains($"Camille a approuvé 1 signature de «\u202f{titles["fr"]}\u202f».", french, StringComparison.Ordinal);
        Assert.Contains($"Camille approved 1 signature of “{titles["en"]}”.", english, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_member_removed_since_and_a_campaign_deleted_since_still_read_as_sentences()
    {
        var leaver = await _app.OrganiserAccountAsync(OrganisationRole.Editor);
        var (leaverId, organisation) = await _app.WithDbAsync(async db => (
            await db.Users.Where(u => u.Email == leaver).Select(u => u.Id).SingleAsync(),
            await db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.Id).SingleAsync()));
        await _app.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == leaverId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "Dominique"));
            await db.Memberships.Where(m => m.OrganiserId == leaverId).ExecuteDeleteAsync();
            var at = new DateTime(2026, 11, 22, 9, 0, 0, DateTimeKind.Utc);
            db.AuditLog.Add(new AuditEntry { OrganisationId = organisation, OrganiserId = leaverId, Actor = leaver, Action = "campaign.publish", Target = "campaign:99999", At = at });
            db.AuditLog.Add(new AuditEntry { OrganisationId = organisation, OrganiserId = "gone", Actor = "gone@example.org", Action = "member.remove", Target = $"organiser:{leaverId}", Details = "Editor", At = at });
            return await db.SaveChangesAsync();
        });
        using var owner = await _app.SignedInAsync(OrganisationRole.Owner);

        var french = System.Net.WebUtility.HtmlDecode(await owner.GetStringAsync("/fr" + Log));
        var english = System.Net.WebUtility.HtmlDecode(await owner.GetStringAsync("/en" + Log));

        Assert.Contains("Dominique (plus membre) a publié la campagne n°\u00a099999 (supprimée depuis).", french, StringComparison.Ordinal);
        Assert.Contains("Un ancien membre a retiré Dominique de l’organisation.", french, StringComparison.Ordinal);
        Assert.Contains("Dominique (no longer a member) published campaign #99999 (since deleted).", english, StringComparison.Ordinal);
        Assert.Contains("A former member removed Dominique from the organisation.", english, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ralliement.slnx")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository.");
    }

    /// <summary>
    /// An action's name as the code writes it: a literal such as <c>"campaign.create"</c> (or one that
    /// fills a part, <c>$"export.{setLabel}"</c>) starting with a known kind, or any literal given to
    /// <c>audit.Record</c> or set as an entry's <c>Action</c>.
    /// </summary>
    [GeneratedRegex("""(?:\$"(?<name>(?:campaign|signature|member|news|export|import|field|commitment|organisation|affiliation)\.(?<filled>\{[^}"]+\}))"|"(?<name>(?:campaign|signature|member|news|export|import|field|commitment|organisation|affiliation)\.[a-z][a-z-]*)"|(?:\.Record\(\s*\w+\s*,\s*|\bAction\s*=\s*)"(?<name>[^"]+)")""")]
    private static partial Regex ActionName();
}
