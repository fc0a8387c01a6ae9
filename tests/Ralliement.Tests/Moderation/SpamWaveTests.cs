using System.Net;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Moderation;

public sealed class SpamWaveTests : IDisposable
{
    private const string Wave = "/en/organiser/collectif-demo/moderation/wave";
    private readonly RalliementApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task A_wave_is_previewed_then_rejected_in_one_action_and_the_count_follows()
    {
        var campaign = await _app.DemoCampaignIdAsync();
        var at = new DateTime(2026, 11, 22, 3, 0, 0, DateTimeKind.Utc);
        var spam = new List<long>
        {
            await _app.SignatureAsync(SignatureState.Confirmed, email: $"a{Guid.NewGuid():N}@spam.example", createdAt: at),
            await _app.SignatureAsync(SignatureState.Held, email: $"b{Guid.NewGuid():N}@spam.example", createdAt: at.AddMinutes(5)),
            await _app.SignatureAsync(SignatureState.Pending, email: $"c{Guid.NewGuid():N}@spam.example", createdAt: at.AddMinutes(9)),
        };
        var sameDomainLater = await _app.SignatureAsync(SignatureState.Confirmed, email: "late@spam.example", createdAt: at.AddHours(5));
        var honest = await _app.SignatureAsync(SignatureState.Confirmed, email: "honest@univ.example", createdAt: at.AddMinutes(1));
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);
        var query = $"?preview=true&campaign={campaign}&domain=spam.example&from=2026-11-22T02:59&to=2026-11-22T04:00";

        var preview = await moderator.GetStringAsync(Wave + query);

        Assert.Contains("3 signatures match", preview, StringComparison.Ordinal);
        Assert.Equal(3, await _app.SignatureCountAsync());
        var response = await moderator.PostAsync(Wave, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = RalliementApp.AntiforgeryToken(preview),
            ["campaign"] = campaign.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["domain"] = "spam.example",
            ["from"] = "2026-11-22T02:59",
            ["to"] = "2026-11-22T04:00",
            ["note"] = "wave of 22 November",
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("3 signatures rejected", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var id in spam)
        {
            Assert.Equal(SignatureState.Rejected, (await _app.SignatureByIdAsync(id)).State);
        }
        Assert.Equal(SignatureState.Confirmed, (await _app.SignatureByIdAsync(sameDomainLater)).State);
        Assert.Equal(SignatureState.Confirmed, (await _app.SignatureByIdAsync(honest)).State);
        Assert.Equal(2, await _app.SignatureCountAsync());
        var entry = await _app.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.Action == "signature.reject-wave"));
        Assert.StartsWith("domain=spam.example; from=2026-11-22T02:59Z; to=2026-11-22T04:00Z; count=3; ids=", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wave_needs_a_campaign_and_a_domain_or_a_window()
    {
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var response = await moderator.GetAsync(Wave + "?preview=true&campaign=&domain=");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("Choose the campaign.", page, StringComparison.Ordinal);
        Assert.Contains("Give a domain, a time window, or both.", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wave_on_another_organisations_campaign_is_not_found()
    {
        var foreign = await _app.CampaignOfAsync("autre-collectif", "autre-texte");
        using var moderator = await _app.SignedInAsync(OrganisationRole.Moderator);

        var response = await moderator.GetAsync(Wave + $"?preview=true&campaign={foreign}&domain=spam.example");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
