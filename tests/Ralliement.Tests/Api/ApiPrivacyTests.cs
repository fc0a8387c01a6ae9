using System.Net;
using System.Text.Json;
using Ralliement.Data;
using Ralliement.Tests.Integration;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Api;

/// <summary>The API shows what the public pages show, and nothing more.</summary>
public sealed class ApiPrivacyTests : IDisposable
{
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    private static readonly string Campaign = $"/api/v1/campaigns/{RalliementApp.Slug}";

    /// <summary>Every answer of the API about the demo campaign and its organisation, both kinds of signatories.</summary>
    private static readonly string[] Everything =
    [
        "/api/v1/organisations", $"/api/v1/organisations/{RalliementApp.DemoOrganisation}", "/api/v1/campaigns", Campaign,
        $"{Campaign}/count", $"{Campaign}/versions", $"{Campaign}/versions/fr/1", $"{Campaign}/signatories",
        $"{Campaign}/signatories?kind=organisation", $"{Campaign}/stats",
    ];

    private async Task<string> AllAnswersAsync()
    {
        using var client = _app.Browser();
        var answers = new List<string>();
        foreach (var path in Everything)
        {
            answers.Add(await client.GetStringAsync(path));
        }
        return string.Join("\n", answers);
    }

    private async Task<List<JsonElement>> SignatoriesAsync(string query = "")
    {
        using var client = _app.Browser();
        var page = JsonDocument.Parse(await client.GetStringAsync($"{Campaign}/signatories{query}")).RootElement;
        return [.. page.GetProperty("signatories").EnumerateArray().Select(s => s.Clone())];
    }

    [Fact]
    public async Task A_draft_campaign_and_an_organisation_with_only_drafts_are_unknown_to_every_operation()
    {
        await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Irène", lastName: "Brouillon");
        await _app.ChangeCampaignAsync(c => c.State = CampaignState.Draft);
        using var client = _app.Browser();

        foreach (var path in Everything.Where(p => p.StartsWith(Campaign, StringComparison.Ordinal) || p.Contains("/organisations/", StringComparison.Ordinal)))
        {
            var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal("{\"campaigns\":[],\"next\":null}", await client.GetStringAsync("/api/v1/campaigns"));
        Assert.Equal("{\"organisations\":[]}", await client.GetStringAsync("/api/v1/organisations"));
    }

    [Fact]
    public async Task Only_confirmed_signatories_who_chose_to_appear_are_listed_and_no_address_is_in_any_answer()
    {
        var shownEmail = RalliementApp.UniqueEmail("shown");
        await _app.SignatureAsync(SignatureState.Confirmed, email: shownEmail, firstName: "Irène", lastName: "Publique", acceptsNews: true);
        await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Hubert", lastName: "Discret", showPublicly: false);
        await _app.SignatureAsync(SignatureState.Pending, firstName: "Paul", lastName: "Attente");
        await _app.SignatureAsync(SignatureState.Held, firstName: "Hector", lastName: "Retenu");
        await _app.SignatureAsync(SignatureState.Withdrawn, firstName: "Wanda", lastName: "Partie");

        var everything = await AllAnswersAsync();

        Assert.Contains("Irène Publique", everything, StringComparison.Ordinal);
        foreach (var hidden in (string[])["Discret", "Attente", "Retenu", "Partie", shownEmail, "example.org", "contact@"])
        {
            Assert.DoesNotContain(hidden, everything, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Equal(["Irène Publique"], (await SignatoriesAsync()).Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_signer_listed_anonymously_shows_only_as_a_verified_member_of_their_institution_and_an_unverified_one_not_at_all()
    {
        var campaignId = await _app.DemoCampaignIdAsync();
        var institution = await _app.WithDbAsync(async db =>
        {
            var added = db.AffiliationInstitutions.Add(new AffiliationInstitution { CampaignId = campaignId, Name = "Université Vérifiée" }).Entity;
            await db.SaveChangesAsync();
            return added.Id;
        });
        var anonymous = await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Anouk", lastName: "Masquée");
        var unverified = await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Ulysse", lastName: "Invérifié");
        var named = await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Nadia", lastName: "Nommée");
        await _app.WithDbAsync(async db =>
        {
            foreach (var signature in db.Signatures.Where(s => s.Id == anonymous || s.Id == unverified || s.Id == named))
            {
                signature.ListedAnonymously = signature.Id != named;
                signature.VerifiedInstitutionId = signature.Id == unverified ? null : institution;
            }
            return await db.SaveChangesAsync();
        });

        var signatories = await SignatoriesAsync();
        var everything = await AllAnswersAsync();

        Assert.Equal([named, anonymous], signatories.Select(s => s.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, signatories[1].GetProperty("name").ValueKind);
        Assert.Equal(JsonValueKind.Null, signatories[1].GetProperty("institution").ValueKind);
        Assert.Equal("Université Vérifiée", signatories[1].GetProperty("verifiedInstitution").GetString());
        Assert.Equal("Nadia Nommée", signatories[0].GetProperty("name").GetString());
        Assert.Equal("Université Vérifiée", signatories[0].GetProperty("verifiedInstitution").GetString());
        Assert.DoesNotContain("Masquée", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("Invérifié", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Organisations_signing_are_listed_apart_by_their_name_never_their_representative()
    {
        var id = await _app.SignatureAsync(SignatureState.Confirmed, firstName: "Rémi", lastName: "Représentant");
        await _app.WithDbAsync(async db =>
        {
            var signature = await db.Signatures.FindAsync(id);
            signature!.Kind = SignatoryKind.Organisation;
            signature.OrganisationName = "Association des Tests";
            signature.OrganisationKind = "association";
            return await db.SaveChangesAsync();
        });

        var organisations = await SignatoriesAsync("?kind=organisation");

        Assert.Empty(await SignatoriesAsync());
        var only = Assert.Single(organisations);
        Assert.Equal("Association des Tests", only.GetProperty("name").GetString());
        Assert.Equal("organisation", only.GetProperty("kind").GetString());
        Assert.DoesNotContain("Représentant", await AllAnswersAsync(), StringComparison.Ordinal);
    }
}
