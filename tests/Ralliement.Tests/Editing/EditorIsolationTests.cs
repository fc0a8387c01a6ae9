using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;
using static Ralliement.Tests.Editing.EditorSteps;

namespace Ralliement.Tests.Editing;

public sealed class EditorIsolationTests
{
    [Fact]
    public async Task A_campaign_of_another_organisation_is_not_found_on_every_editor_address()
    {
        using var app = new RalliementApp();
        using var owner = await app.SignedInAsync(OrganisationRole.Owner);
        var demo = await app.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).Select(c => c.Id).SingleAsync());
        using var other = await app.SignedInAsync(OrganisationRole.Owner, await app.OrganisationAsync("autre-collectif"));
        var own = await PostAsOtherAsync(other, "/fr/organiser/autre-collectif/campaigns/new", "/fr/organiser/autre-collectif/campaigns/new",
            new() { ["Form.Slug"] = "a-nous", ["Form.Kind"] = "Charter", ["Form.Language"] = "fr", ["Form.Title"] = "À nous" });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        var formPage = own.Headers.Location!.OriginalString;
        var foreign = $"/fr/organiser/autre-collectif/campaigns/{demo}";

        foreach (var path in new[] { foreign, $"{foreign}/edit", $"{foreign}/text/fr", $"{foreign}/text/en", $"{foreign}/commitments", $"{foreign}/fields", $"{foreign}/logo", $"{foreign}/logo?handler=Image" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(path)).StatusCode);
        }
        var posts = new (string Path, Dictionary<string, string> Fields)[]
        {
            ($"{foreign}/state", new() { ["change"] = "close" }),
            ($"{foreign}/text/fr", new() { ["Form.Title"] = "Piraté", ["Form.Body"] = "Piraté", ["Form.AmendmentNote"] = "Piraté" }),
            ($"{foreign}/edit", new() { ["Settings.Kind"] = "Petition", ["Settings.Goal"] = "1" }),
            ($"{foreign}/fields", new() { ["Fields.New.LabelFr"] = "X", ["Fields.New.LabelEn"] = "X", ["Fields.New.Rule"] = "Optional" }),
            ($"{foreign}/commitments", new() { ["Commitments.New.LabelFr"] = "X", ["Commitments.New.LabelEn"] = "X" }),
            ($"{foreign}/commitments", new() { ["Commitments.Remove"] = "1" }),
        };
        foreach (var (path, fields) in posts)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await PostAsOtherAsync(other, path, formPage, fields)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await UploadAsync(other, $"{foreign}/logo", await other.GetStringAsync(formPage))).StatusCode);

        var campaign = await app.WithDbAsync(db => db.Campaigns.Include(c => c.Texts).SingleAsync(c => c.Id == demo));
        Assert.Equal(CampaignState.Open, campaign.State);
        Assert.Equal(1000, campaign.Goal);
        Assert.DoesNotContain(campaign.Texts, t => t.Title == "Piraté");
        Assert.Equal(0, await app.WithDbAsync(db => db.CustomFields.CountAsync()));
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync(formPage.Replace("autre-collectif", RalliementApp.DemoOrganisation, StringComparison.Ordinal))).StatusCode);
    }

    private static Task<HttpResponseMessage> PostAsOtherAsync(HttpClient client, string path, string formPage, Dictionary<string, string> fields) =>
        RalliementApp.PostFormAsync(client, path, fields, formPage);

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string path, string formPage)
    {
        using var form = new MultipartFormDataContent
        {
            { new StringContent(RalliementApp.AntiforgeryToken(formPage)), "__RequestVerificationToken" },
            { new ByteArrayContent(Png), "file", "logo.png" },
        };
        return await client.PostAsync(path, form);
    }
}
