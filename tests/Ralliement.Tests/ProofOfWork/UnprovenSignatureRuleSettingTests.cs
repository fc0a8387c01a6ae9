using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ProofOfWork;

public sealed class UnprovenSignatureRuleSettingTests
{
    private const string Settings = "/en/organiser/collectif-demo/settings";

    private static Dictionary<string, string> Form() => new()
    {
        ["Form.Name"] = "Collectif démo",
        ["Form.ContactEmail"] = "contact@demo.example.org",
        ["Form.RetentionMonths"] = "12",
    };

    private static Task<UnprovenSignatureRule> RuleAsync(RalliementApp app) =>
        app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.UnprovenSignatures).SingleAsync());

    [Fact]
    public async Task By_default_unproven_signatures_are_held_only_during_waves_and_the_owner_may_hold_them_always()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var page = await owner.GetStringAsync(Settings);
        Assert.Contains("Signatures sent without a proof of work", page, StringComparison.Ordinal);
        Assert.Matches("<input type=\"radio\" id=\"f-UnprovenSignatures-HoldDuringWaves\"[^>]*checked", page);
        Assert.DoesNotMatch("id=\"f-UnprovenSignatures-HoldAlways\"[^>]*checked", page);

        var saved = await RalliementApp.PostFormAsync(owner, Settings, new(Form()) { ["Form.UnprovenSignatures"] = "HoldAlways" });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(UnprovenSignatureRule.HoldAlways, await RuleAsync(app));
        var details = await app.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "organisation.settings").Select(a => a.Details).SingleAsync());
        Assert.Contains("UnprovenSignatures", details, StringComparison.Ordinal);
        Assert.Matches("id=\"f-UnprovenSignatures-HoldAlways\"[^>]*checked", await owner.GetStringAsync(Settings));

        var back = await RalliementApp.PostFormAsync(owner, Settings, new(Form()) { ["Form.UnprovenSignatures"] = "HoldDuringWaves" });

        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal(UnprovenSignatureRule.HoldDuringWaves, await RuleAsync(app));
    }

    [Fact]
    public async Task A_form_without_the_choice_keeps_the_rule_as_it_was()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        await RalliementApp.PostFormAsync(owner, Settings, new(Form()) { ["Form.UnprovenSignatures"] = "HoldAlways" });

        var saved = await RalliementApp.PostFormAsync(owner, Settings, Form());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(UnprovenSignatureRule.HoldAlways, await RuleAsync(app));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("holdalways")]
    [InlineData("Sometimes")]
    public async Task An_unknown_rule_is_refused_with_a_message_and_nothing_changes(string posted)
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);

        var refused = await RalliementApp.PostFormAsync(owner, Settings, new(Form()) { ["Form.UnprovenSignatures"] = posted });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose one of the two rules offered.", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(UnprovenSignatureRule.HoldDuringWaves, await RuleAsync(app));
    }
}
