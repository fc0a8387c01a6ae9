using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Ralliement.Data;
using Ralliement.Tests.Organisers;
using Ralliement.Tests.Support;
using Xunit.Abstractions;
using static Ralliement.Tests.Hostile.HostileInput;

namespace Ralliement.Tests.Hostile;

/// <summary>
/// Ten thousand generated requests against every endpoint the app maps, public and organiser (signed in as
/// an owner), then every page read back: no answer is a 5xx, every refusal is a clear page, and nothing
/// the fuzzer managed to store comes out as markup. The seed is printed; RALLIEMENT_FUZZ_SEED replays a
/// run, RALLIEMENT_FUZZ_REQUESTS changes its length.
/// </summary>
[Slow]
public sealed class FuzzTests(AuthorisationMatrixTests.World world, ITestOutputHelper output) : IClassFixture<AuthorisationMatrixTests.World>
{
    private const int Workers = 4;

    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("RALLIEMENT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var seed) ? seed : 20261123;
    private static readonly int Requests = int.TryParse(Environment.GetEnvironmentVariable("RALLIEMENT_FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var count) ? count : 10_000;

    private RalliementApp App => world.App;

    [Fact]
    public async Task Every_endpoint_survives_ten_thousand_hostile_requests()
    {
        output.WriteLine($"Fuzz seed {Seed} (RALLIEMENT_FUZZ_SEED), {Requests} requests");
        var endpoints = new FuzzedEndpoints(await RouteValuesAsync());
        var mapped = FuzzedEndpoints.Mapped(App);
        var gaps = endpoints.Gaps(mapped).ToList();
        Assert.True(gaps.Count == 0, "Endpoints the fuzzer cannot drive:\n" + string.Join('\n', gaps));

        var failures = new ConcurrentQueue<string>();
        var statuses = new ConcurrentDictionary<string, int>();
        var clock = Stopwatch.StartNew();
        var foreignToken = await ForeignTokenAsync();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(async worker =>
        {
            await using var sender = await FuzzSender.StartAsync(App);
            for (var number = worker; number < Requests; number += Workers)
            {
                var random = new Random(Seed + number);
                var pattern = Pick(random, mapped);
                var who = FuzzedEndpoints.Senders[FuzzedEndpoints.Raw(pattern)];
                var path = endpoints.Path(pattern, random);
                var client = await sender.ClientAsync(who, random);
                var forms = await sender.FormsAsync(client, who, endpoints.Path(pattern, random, allValid: true) is var valid && path == valid ? path : valid, path);
                var requestSeed = random.Next();
                var (request, description) = FuzzRequest.Build(new Random(requestSeed), path, forms, foreignToken, number);
                var (status, problem) = await SendAsync(client, request);
                if (status == 0)
                {
                    // A server may answer and close before reading a body it refuses (Kestrel does, for a
                    // NUL in the path), which the client sees as a broken pipe: sent again, the same
                    // request must then get its answer.
                    (request, _) = FuzzRequest.Build(new Random(requestSeed), path, forms, foreignToken, number);
                    (status, problem) = await SendAsync(client, request);
                }
                var key = status < 0 ? $"{-status}(Kestrel) {FuzzedEndpoints.Raw(pattern)}" : $"{status} {FuzzedEndpoints.Raw(pattern)}";
                statuses.AddOrUpdate(key, 1, (_, n) => n + 1);
                if (problem is not null)
                {
                    failures.Enqueue($"{problem}: {description}");
                }
                if (who == Sender.OwnerSigningOut)
                {
                    await sender.SignBackInIfOutAsync();
                }
                if (number % 500 < Workers)
                {
                    await sender.KeepOwnerAsync();
                }
            }
        }));
        output.WriteLine($"{Requests} requests in {clock.Elapsed.TotalSeconds:F0} s");
        foreach (var line in statuses.OrderBy(s => s.Key.Split(' ')[1], StringComparer.Ordinal).ThenBy(s => s.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{line.Value,6} × {line.Key}");
        }

        Assert.True(failures.IsEmpty, $"Seed {Seed}: {failures.Count} bad answers, the first ones:\n" + string.Join('\n', failures.Take(40)));
        foreach (var pattern in mapped)
        {
            Assert.True(statuses.Keys.Any(k => k.EndsWith(" " + FuzzedEndpoints.Raw(pattern), StringComparison.Ordinal)), $"{FuzzedEndpoints.Raw(pattern)} got no request");
        }
        await NothingStoredRendersAsMarkupAsync(endpoints, mapped);
    }

    /// <summary>Sends the request; a 5xx, an unclear refusal or a dropped connection is a problem.</summary>
    private static async Task<(int Status, string? Problem)> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        // Absolute, so that a path starting with "//" (an empty route value) stays a path on this server.
        request.RequestUri = new Uri(client.BaseAddress!.GetLeftPart(UriPartial.Authority) + request.RequestUri!.OriginalString);
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                return (status, $"{status} server error");
            }
            if (ClearRefusal.RefusedByKestrel(request, response, body))
            {
                return (-status, null);
            }
            return (status, ClearRefusal.Problem(response, body, request.Method == HttpMethod.Head));
        }
        catch (HttpRequestException exception)
        {
            return (0, $"connection failed ({exception.Message} {exception.InnerException?.Message} {exception.InnerException?.InnerException?.Message})");
        }
    }

    /// <summary>Valid values for every route parameter: the demo organisation and its campaign, news, import, held signature, and real signer tokens.</summary>
    private async Task<Dictionary<string, Func<Random, string>>> RouteValuesAsync()
    {
        var email = RalliementApp.UniqueEmail("fuzz");
        await App.SignAsync(RalliementApp.Form(email));
        var mail = await App.EmailToAsync(email);
        string[] tokens =
        [
            RalliementApp.LinkIn(mail, "confirm").Split('/')[^1], RalliementApp.LinkIn(mail, "withdraw").Split('/')[^1],
            new string('A', 43), "x",
        ];
        return new()
        {
            ["lang"] = r => Pick(r, ["fr", "en"]),
            ["language"] = r => Pick(r, ["fr", "en"]),
            ["org"] = _ => RalliementApp.DemoOrganisation,
            ["slug"] = _ => RalliementApp.Slug,
            ["id"] = _ => Text(world.OwnCampaignId),
            ["newsId"] = _ => Text(world.NewsId),
            ["importId"] = _ => Text(world.ImportId),
            ["version"] = r => Pick(r, ["1", "2"]),
            ["number"] = r => Pick(r, ["1", "2"]),
            ["code"] = r => Pick(r, ["400", "403", "404", "405", "413", "500"]),
            ["token"] = r => Pick(r, tokens),
            ["file"] = r => Pick(r, ["badge.svg", "badge-count@2x.png", "badge.json", "mark-4x3-dark-qr.png", "qr.svg", "preview.png"]),
        };
    }

    /// <summary>A token of another visitor's session: a valid token, but not for the fuzzer's cookies.</summary>
    private async Task<string> ForeignTokenAsync()
    {
        using var stranger = App.Browser();
        return RalliementApp.AntiforgeryToken(await stranger.GetStringAsync("/fr/organiser/login"));
    }

    /// <summary>
    /// Makes every signature the fuzzer stored visible, then reads back every page that shows stored
    /// values: none may render fuzz input as markup. Fails too if the fuzzer stored no hostile value, since
    /// the check would then prove nothing.
    /// </summary>
    private async Task NothingStoredRendersAsMarkupAsync(FuzzedEndpoints endpoints, IReadOnlyList<RoutePattern> mapped)
    {
        var stored = await StoredMarkupAsync();
        output.WriteLine("Stored by the fuzzer, holding fuzz markup: " + string.Join(", ", stored.Select(s => $"{s.Value} {s.Key}")));
        Assert.True(stored.Values.Sum() > 0, "The fuzzer stored no hostile value: the rendering check below would prove nothing.");

        // Every payload once more through the signing form, and into the organisation's notices, so
        // that each is read back whatever the fuzzer happened to store.
        await App.WithDbAsync(db => db.Campaigns.Where(c => c.Id == world.OwnCampaignId).ExecuteUpdateAsync(c => c.SetProperty(x => x.State, CampaignState.Open)));
        var answers = new List<int>();
        for (var i = 0; i < Markup.Length; i++)
        {
            var form = RalliementApp.Form($"markup.{i}@example.org", firstName: Markup[i], lastName: Markup[(i + 1) % Markup.Length]);
            form["Institution"] = Markup[(i + 2) % Markup.Length];
            answers.Add((int)(await App.SignAsync(form)).StatusCode);
        }
        output.WriteLine("Signing with each payload answered " + string.Join(", ", answers.CountBy(a => a).Select(a => $"{a.Value} × {a.Key}")));
        var now = App.Clock.GetUtcNow().UtcDateTime;
        await App.WithDbAsync(db => db.Signatures
            .Where(s => s.FirstName!.Contains(Marker) || s.LastName!.Contains(Marker) || s.Institution!.Contains(Marker))
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.State, SignatureState.Confirmed).SetProperty(x => x.ConfirmedAt, now).SetProperty(x => x.ShowPublicly, true)));
        await App.WithDbAsync(db => db.Organisations.Where(o => o.Slug == RalliementApp.DemoOrganisation).ExecuteUpdateAsync(o => o
            .SetProperty(x => x.LegalNotice, string.Join('\n', Markup)).SetProperty(x => x.DataController, Markup[0]).SetProperty(x => x.PostalAddress, Markup[1])));
        output.WriteLine("With the payloads added: " + string.Join(", ", (await StoredMarkupAsync()).Select(s => $"{s.Value} {s.Key}")));

        var owner = await App.SignedInAsync(OrganisationRole.Owner);
        var visitor = App.Browser();
        var pages = new List<string>();
        var random = new Random(Seed);
        foreach (var pattern in mapped.Where(p => !FuzzedEndpoints.Raw(p).Contains("export.", StringComparison.Ordinal) && !FuzzedEndpoints.Raw(p).Contains("logout", StringComparison.Ordinal)))
        {
            foreach (var language in new[] { "fr", "en" })
            {
                pages.Add(endpoints.Path(pattern, random, allValid: true).Replace("/en/", $"/{language}/", StringComparison.Ordinal).Replace("/fr/", $"/{language}/", StringComparison.Ordinal));
            }
        }
        var campaigns = await App.WithDbAsync(db => db.Campaigns.Select(c => new { c.Id, c.Slug, Organisation = c.Organisation.Slug }).Take(20).ToListAsync());
        var signatures = await App.WithDbAsync(db => db.Signatures.Where(s => s.FirstName!.Contains(Marker)).Select(s => s.Id).Take(10).ToListAsync());
        pages.AddRange(campaigns.SelectMany(c => new[] { $"/fr/c/{c.Slug}", $"/en/c/{c.Slug}/signatories", $"/fr/c/{c.Slug}/privacy", $"/fr/organiser/{c.Organisation}/campaigns/{c.Id}" }));
        pages.AddRange(signatures.Select(id => $"/fr/organiser/{RalliementApp.DemoOrganisation}/moderation/{Text(id)}"));
        pages.Add($"/fr/c/{RalliementApp.Slug}/signatories?q={Marker}");

        var injections = new List<string>();
        foreach (var page in pages.Distinct())
        {
            var client = page.Contains("/organiser/", StringComparison.Ordinal) ? owner : visitor;
            using var response = await client.GetAsync(page);
            Assert.True((int)response.StatusCode < 500, $"Reading back {page}: {(int)response.StatusCode}");
            // Markup is read where a browser would render it: pages and SVG images, not PNG bytes or JSON
            // (the tag pattern, run over a binary image read as text, backtracks for many minutes).
            if (response.Content.Headers.ContentType?.MediaType is "text/html" or "image/svg+xml")
            {
                injections.AddRange(MarkupCheck.Injections(await response.Content.ReadAsStringAsync()).Select(i => $"{page}: {i}"));
            }
        }
        output.WriteLine($"{pages.Distinct().Count()} pages read back");
        Assert.True(injections.Count == 0, "Fuzz input rendered as markup:\n" + string.Join('\n', injections.Take(40)));
    }

    private async Task<Dictionary<string, int>> StoredMarkupAsync() => await App.WithDbAsync(async db => new Dictionary<string, int>
    {
        ["signatures"] = await db.Signatures.CountAsync(s => s.FirstName!.Contains(Marker) || s.LastName!.Contains(Marker) || s.Institution!.Contains(Marker) || s.ProfessionalStatus!.Contains(Marker) || s.Discipline!.Contains(Marker)),
        ["organisations"] = await db.Organisations.CountAsync(o => o.Name.Contains(Marker) || o.LegalNotice!.Contains(Marker) || o.DataController!.Contains(Marker) || o.PostalAddress!.Contains(Marker)),
        ["campaign texts"] = await db.CampaignTexts.CountAsync(t => t.Title.Contains(Marker) || t.Summary.Contains(Marker) || t.BodyMarkdown.Contains(Marker)),
        ["news texts"] = await db.NewsTexts.CountAsync(t => t.Subject.Contains(Marker) || t.BodyMarkdown.Contains(Marker)),
        ["audit entries"] = await db.AuditLog.CountAsync(a => a.Details!.Contains(Marker)),
    });
}
