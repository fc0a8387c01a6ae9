using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Organisers;

/// <summary>
/// Every organiser endpoint, tried by every role of the organisation, by a visitor, and by an owner of
/// another organisation. The expected roles are written here by hand, apart from the product's own
/// rules, so that a policy changed by mistake fails this test; and every organiser route the app maps
/// must be in the table, so that a new page cannot be forgotten.
/// </summary>
public sealed class AuthorisationMatrixTests(AuthorisationMatrixTests.World world) : IClassFixture<AuthorisationMatrixTests.World>
{
    private const string O = "Owner", E = "Editor", M = "Moderator";

    /// <summary>Route pattern, whether it answers GET (else POST only), and the roles it is open to.</summary>
    public static readonly TheoryData<string, bool, string[]> Endpoints = new()
    {
        { "{lang:lang}/organiser/{org}", true, [O, E, M] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_gets_what_the_table_says(string pattern, bool answersGet, string[] roles)
    {
        var path = world.PathOf(pattern, world.OwnCampaignId);
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            var client = world.Members[role];
            var allowed = roles.Contains(role.ToString());
            if (answersGet)
            {
                var response = await client.GetAsync(path);
                if (allowed)
                {
                    Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect or HttpStatusCode.SeeOther,
                        $"{role} GET {path}: {(int)response.StatusCode}, expected to be let in.");
                    Assert.False(IsLoginRedirect(response), $"{role} GET {path} was sent to the login page.");
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} GET {path}: {(int)response.StatusCode}, expected 403.");
                }
            }
            if (!allowed)
            {
                var post = await client.PostAsync(path, new FormUrlEncodedContent([]));
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{role} POST {path}: {(int)post.StatusCode}, expected 403.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_visitor_is_sent_to_the_login_page(string pattern, bool answersGet, string[] roles)
    {
        Assert.NotEmpty(roles);
        using var client = world.App.Browser();
        var path = world.PathOf(pattern, world.OwnCampaignId);
        if (answersGet)
        {
            Assert.True(IsLoginRedirect(await client.GetAsync(path)), $"GET {path} did not send a visitor to the login page.");
        }
        Assert.True(IsLoginRedirect(await client.PostAsync(path, new FormUrlEncodedContent([]))), $"POST {path} did not send a visitor to the login page.");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_owner_of_another_organisation_finds_nothing(string pattern, bool answersGet, string[] roles)
    {
        Assert.NotEmpty(roles);
        var client = world.ForeignOwner;
        // Through the first organisation's URL: not a member, so not found.
        var path = world.PathOf(pattern, world.OwnCampaignId);
        if (answersGet)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(path, new FormUrlEncodedContent([]))).StatusCode);

        // Through their own organisation's URL, naming the first organisation's campaign: not found either.
        if (pattern.Contains("{id", StringComparison.Ordinal))
        {
            var crossed = world.PathOf(pattern, world.OwnCampaignId, World.Foreign);
            if (answersGet)
            {
                Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(crossed)).StatusCode);
            }
            var post = await RalliementApp.PostFormAsync(client, crossed, [], formPage: $"/fr/organiser/{World.Foreign}");
            Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        }
    }

    [Fact]
    public void Every_organiser_route_is_in_the_table()
    {
        var mapped = world.App.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText?.TrimStart('/') ?? "")
            .Where(p => p.Contains("organiser/{org", StringComparison.Ordinal))
            .Distinct()
            .Order()
            .ToList();
        var listed = Endpoints.Select(row => (string)row[0]).Distinct().Order().ToList();

        Assert.NotEmpty(mapped);
        Assert.Equal(mapped, listed);
    }

    private static bool IsLoginRedirect(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.OriginalString.Contains("/organiser/login?returnUrl=", StringComparison.Ordinal) == true;

    /// <summary>One app shared by the matrix: two organisations, one signed-in client per role, and ids to put in URLs.</summary>
    public sealed class World : IAsyncLifetime
    {
        public const string Foreign = "autre-collectif";

        public RalliementApp App { get; } = new();
        public Dictionary<OrganisationRole, HttpClient> Members { get; } = [];
        public HttpClient ForeignOwner { get; private set; } = null!;
        public int OwnCampaignId { get; private set; }
        public int NewsId { get; private set; }

        public async Task InitializeAsync()
        {
            foreach (var role in Enum.GetValues<OrganisationRole>())
            {
                Members[role] = await App.SignedInAsync(role);
            }
            await App.OrganisationAsync(Foreign);
            ForeignOwner = await App.SignedInAsync(OrganisationRole.Owner, Foreign);
            OwnCampaignId = await App.WithDbAsync(db => db.Campaigns.Where(c => c.Slug == RalliementApp.Slug).Select(c => c.Id).SingleAsync());
            NewsId = await App.WithDbAsync(async db =>
            {
                var news = new NewsPost { CampaignId = OwnCampaignId, State = NewsState.Draft, CreatedAt = App.Clock.GetUtcNow().UtcDateTime };
                news.Texts.Add(new NewsText { Language = "fr", Subject = "Nouvelles", BodyMarkdown = "Merci." });
                db.News.Add(news);
                await db.SaveChangesAsync();
                return news.Id;
            });
        }

        public string PathOf(string pattern, int campaignId, string organisation = RalliementApp.DemoOrganisation) =>
            "/" + pattern
                .Replace("{lang:lang}", "fr", StringComparison.Ordinal)
                .Replace("{org}", organisation, StringComparison.Ordinal)
                .Replace("{id:int}", campaignId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{newsId:int}", NewsId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                .Replace("{language}", "fr", StringComparison.Ordinal);

        public Task DisposeAsync()
        {
            foreach (var client in Members.Values)
            {
                client.Dispose();
            }
            ForeignOwner?.Dispose();
            App.Dispose();
            return Task.CompletedTask;
        }
    }
}
