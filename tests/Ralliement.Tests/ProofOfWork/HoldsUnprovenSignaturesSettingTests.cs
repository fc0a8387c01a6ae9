using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.ProofOfWork;

public sealed class HoldsUnprovenSignaturesSettingTests
{
    private const string Settings = "/en/organiser/collectif-demo/settings";

    private static Dictionary<string, string> Form() => new()
    {
        ["Form.Name"] = "Collectif démo",
        ["Form.ContactEmail"] = "contact@demo.example.org",
        ["Form.RetentionMonths"] = "12",
    };

    [Fact]
    public async Task The_owner_unticks_the_box_and_the_change_is_audited()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var page = await owner.GetStringAsync(Settings);
        Assert.Contains("Hold signatures sent without a proof of work for moderation", page, StringComparison.Ordinal);
        Assert.Matches("<input type=\"checkbox\" id=\"f-HoldsUnprovenSignatures\"[^>]*checked", page);

        var saved = await RalliementApp.PostFormAsync(owner, Settings, Form());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.False(await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.HoldsUnprovenSignatures).SingleAsync()));
        var details = await app.WithDbAsync(db => db.AuditLog.Where(a => a.Action == "organisation.settings").Select(a => a.Details).SingleAsync());
        Assert.Contains("HoldsUnprovenSignatures", details, StringComparison.Ordinal);
        Assert.DoesNotMatch("id=\"f-HoldsUnprovenSignatures\"[^>]*checked", await owner.GetStringAsync(Settings));

        var again = await RalliementApp.PostFormAsync(owner, Settings, new(Form()) { ["Form.HoldsUnprovenSignatures"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.True(await app.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).Select(o => o.HoldsUnprovenSignatures).SingleAsync()));
    }
}
