using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Tests.Organisers;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// Every organiser page refuses a POST from a signed-in owner's browser that lacks its own antiforgery
/// token: none, or one taken from another visitor's session (what a forged cross-site form could
/// carry). The signing form's cross-site refusal is in PagesAndSecurityTests.
/// </summary>
public sealed class CsrfTests(AuthorisationMatrixTests.World world) : IClassFixture<AuthorisationMatrixTests.World>
{
    /// <summary>Every organiser page of the fuzz test's table; downloads (GET only) take no POST at all.</summary>
    private static readonly string[] Patterns = [.. FuzzedEndpoints.Senders
        .Where(s => s.Value != Sender.Visitor && !IsDownload(s.Key))
        .Select(s => s.Key)];

    /// <summary>Exports and the kit's preview images, answered to GET only.</summary>
    private static bool IsDownload(string pattern) =>
        pattern.EndsWith(".csv", StringComparison.Ordinal) || pattern.EndsWith(".json", StringComparison.Ordinal) || pattern.Contains("{file:regex(", StringComparison.Ordinal);

    public static TheoryData<string> OrganiserPages() => new(Patterns);

    [Theory]
    [MemberData(nameof(OrganiserPages))]
    public async Task A_post_without_the_browsers_own_token_is_refused(string pattern)
    {
        var owner = world.Members[OrganisationRole.Owner];
        var path = world.PathOf(pattern);
        using var stranger = world.App.Browser();
        var foreignToken = RalliementApp.AntiforgeryToken(await stranger.GetStringAsync("/fr/organiser/login"));
        using var otherOwner = await world.App.SignedInAsync(OrganisationRole.Owner);
        var otherOwnersToken = RalliementApp.AntiforgeryToken(await otherOwner.GetStringAsync($"/fr/organiser/{RalliementApp.DemoOrganisation}/settings"));

        foreach (var token in new[] { null, foreignToken, otherOwnersToken, "CfDJ8" + new string('A', 150) })
        {
            var fields = new Dictionary<string, string> { ["Confirmation"] = RalliementApp.DemoOrganisation };
            if (token is not null)
            {
                fields["__RequestVerificationToken"] = token;
            }
            var response = await owner.PostAsync(path, new FormUrlEncodedContent(fields));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {path} with {(token is null ? "no token" : "a token not its own")}: {(int)response.StatusCode}");
            Assert.Null(ClearRefusal.Problem(response, await response.Content.ReadAsStringAsync(), isHead: false));
        }
        // Still signed in and still a member: nothing was done with the refused posts (the organisation was not deleted).
        Assert.Equal(HttpStatusCode.OK, (await owner.GetAsync($"/fr/organiser/{RalliementApp.DemoOrganisation}/settings")).StatusCode);
    }

    [Fact]
    public void Every_organiser_page_is_in_the_list()
    {
        var mapped = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.Trim('/') ?? "")
            .Where(p => p.Contains("organiser", StringComparison.Ordinal) && !IsDownload(p))
            .Where(p => FuzzedEndpoints.Senders.GetValueOrDefault(p, Sender.Owner) != Sender.Visitor);
        var listed = Patterns;
        Assert.Empty(mapped.Except(listed));
    }
}
