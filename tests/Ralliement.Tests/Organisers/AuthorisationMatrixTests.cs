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

    /// <summary>The preview of a kit image, which <see cref="World.PathOf"/> names badge.svg.</summary>
    private const string KitImage = @"{lang:lang}/organiser/{org}/campaigns/{id:int}/kit/{file:regex(\.(svg|png|json)$)}";

    /// <summary>Route pattern, whether it is a page (GET and POST) rather than a download (GET only), and the roles it is open to.</summary>
    public static readonly TheoryData<string, bool, string[]> Endpoints = new()
    {
        { "{lang:lang}/organiser/{org}", true, [O, E, M] },
        { "{lang:lang}/organiser/{org}/members", true, [O] },
        { "{lang:lang}/organiser/{org}/settings", true, [O] },
        { "{lang:lang}/organiser/{org}/delete", true, [O] },
        { "{lang:lang}/organiser/{org}/audit", true, [O] },
        { "{lang:lang}/organiser/{org}/campaigns/new", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}", true, [O, E, M] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/edit", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/commitments", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/fields", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/affiliations", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/text/{language:lang}", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/state", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/logo", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/kit", true, [O, E] },
        { KitImage, false, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/stats", true, [O, E, M] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/news", true, [O, E] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/news/{newsId:int}", true, [O, E] },
        { "{lang:lang}/organiser/{org}/moderation", true, [O, M] },
        { "{lang:lang}/organiser/{org}/moderation/wave", true, [O, M] },
        { "{lang:lang}/organiser/{org}/moderation/{id:long}", true, [O, M] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/import", true, [O, M] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/import/{importId:int}", true, [O, M] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/export", true, [O, M] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/export.csv", false, [O, M] },
        { "{lang:lang}/organiser/{org}/campaigns/{id:int}/export.json", false, [O, M] },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Each_role_gets_what_the_table_says(string pattern, bool isPage, string[] roles)
    {
        var path = world.PathOf(pattern);
        foreach (var role in Enum.GetValues<OrganisationRole>())
        {
            var client = world.Members[role];
            var allowed = roles.Contains(role.ToString());
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
            if (!allowed && isPage)
            {
                var post = await client.PostAsync(path, new FormUrlEncodedContent([]));
                Assert.True(post.StatusCode == HttpStatusCode.Forbidden, $"{role} POST {path}: {(int)post.StatusCode}, expected 403.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_visitor_is_sent_to_the_login_page(string pattern, bool isPage, string[] roles)
    {
        Assert.NotEmpty(roles);
        using var client = world.App.Browser();
        var path = world.PathOf(pattern);
        Assert.True(IsLoginRedirect(await client.GetAsync(path)), $"GET {path} did not send a visitor to the login page.");
        if (!isPage)
        {
            return;
        }
        Assert.True(IsLoginRedirect(await client.PostAsync(path, new FormUrlEncodedContent([]))), $"POST {path} did not send a visitor to the login page.");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task An_owner_of_another_organisation_finds_nothing(string pattern, bool isPage, string[] roles)
    {
        Assert.NotEmpty(roles);
        var client = world.ForeignOwner;
        // Through the first organisation's URL: not a member, so not found.
        var path = world.PathOf(pattern);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path)).StatusCode);
        if (isPage)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(path, new FormUrlEncodedContent([]))).StatusCode);
        }

        // Through their own organisation's URL, naming the first organisation's campaign or signature: not found either.
        if (pattern.Contains("{id", StringComparison.Ordinal))
        {
            var crossed = world.PathOf(pattern, World.Foreign);
            var get = await client.GetAsync(crossed);
            if (get.StatusCode == HttpStatusCode.Redirect)
            {
                // A page that only sends on elsewhere (the state buttons' target): where it sends must not be found.
                get = await client.GetAsync(get.Headers.Location);
            }
            Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
            if (!isPage)
            {
                return;
            }
            var post = await RalliementApp.PostFormAsync(client, crossed, [], formPage: $"/fr/organiser/{World.Foreign}");
            // 405: the page takes no POST from anyone, so nothing can be changed through it either.
            Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed, $"POST {crossed}: {(int)post.StatusCode}");
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
        public long SignatureId { get; private set; }
        public int ImportId { get; private set; }

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
            var now = App.Clock.GetUtcNow().UtcDateTime;
            SignatureId = await App.WithDbAsync(async db =>
            {
                var signature = new Signature
                {
                    CampaignId = OwnCampaignId,
                    State = SignatureState.Held,
                    Language = "fr",
                    FirstName = "Ana",
                    LastName = "Lopes",
                    EmailKey = "held-fixture",
                    EmailDomain = "example.org",
                    CreatedAt = now,
                    ConfirmedAt = now,
                };
                db.Signatures.Add(signature);
                await db.SaveChangesAsync();
                return signature.Id;
            });
            await App.WithDbAsync(async db =>
            {
                // The first bytes of a PNG are all the logo page checks when it serves one.
                db.CampaignLogos.Add(new CampaignLogo { CampaignId = OwnCampaignId, ContentType = "image/png", Content = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], UpdatedAt = now });
                return await db.SaveChangesAsync();
            });
            ImportId = await App.WithDbAsync(async db =>
            {
                var import = new SignatureImport { CampaignId = OwnCampaignId, CreatedById = "matrix", CreatedAt = now, FileName = "paper.csv", RowsJson = "[]" };
                db.SignatureImports.Add(import);
                await db.SaveChangesAsync();
                return import.Id;
            });
        }

        /// <summary>The pattern with the first organisation's ids, under the given organisation's URL.</summary>
        public string PathOf(string pattern, string organisation = RalliementApp.DemoOrganisation) =>
            "/" + pattern
                .Replace("{lang:lang}", "fr", StringComparison.Ordinal)
                .Replace("{org}", organisation, StringComparison.Ordinal)
                .Replace("{id:int}", Text(OwnCampaignId), StringComparison.Ordinal)
                .Replace("{id:long}", Text(SignatureId), StringComparison.Ordinal)
                .Replace("{newsId:int}", Text(NewsId), StringComparison.Ordinal)
                .Replace("{importId:int}", Text(ImportId), StringComparison.Ordinal)
                .Replace("{language:lang}", "en", StringComparison.Ordinal)
                .Replace(@"{file:regex(\.(svg|png|json)$)}", "badge.svg", StringComparison.Ordinal);

        private static string Text(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
