using System.Collections;
using System.Resources;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Ralliement.Data;
using Ralliement.Demo;
using Ralliement.Organisers;

namespace Ralliement.BrowserTests;

/// <summary>
/// Every page a visitor, a signer and each organiser role can reach, found by following the links
/// of the pages themselves, in French and in English, at a phone's width and a desktop's: none is
/// wider than the window, none shows a resource key or an unfilled placeholder, axe finds no WCAG
/// 2.0–2.2 A or AA violation. A page added later is checked as soon as a link leads to it.
/// </summary>
public sealed partial class EveryPageTests(BrowserHost host) : IClassFixture<BrowserHost>
{
    public enum Visitor { Anyone, Signer, Owner, Editor, Moderator }

    private static readonly (int Width, int Height)[] Windows = [(390, 844), (1280, 800)];

    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    /// <summary>A path no page answers: the error page is checked like the others.</summary>
    private const string Missing = "/no-such-page-here";

    /// <summary>More pages than the application has: a crawl that goes past it is following a loop.</summary>
    private const int MostPages = 150;

    /// <summary>Every key of the application's text resources that reads as an identifier (two capitals or more, no space).</summary>
    private static readonly HashSet<string> ResourceKeys = ReadResourceKeys();

    [Theory]
    [InlineData(Visitor.Anyone)]
    [InlineData(Visitor.Signer)]
    [InlineData(Visitor.Owner)]
    [InlineData(Visitor.Editor)]
    [InlineData(Visitor.Moderator)]
    public async Task Every_page_fits_a_phone_and_a_desktop_speaks_without_keys_and_passes_axe(Visitor visitor)
    {
        await SeedAsync();
        await using var context = await host.NewContextAsync(javaScript: true);
        var (page, starts) = await StartAsync(context, visitor);

        var problems = new List<string>();
        var checkedPages = new List<string>();
        var seen = new HashSet<string>();
        var queue = new Queue<string>();
        foreach (var start in starts)
        {
            EnqueueBothLanguages(queue, start);
        }
        while (queue.Count > 0 && checkedPages.Count < MostPages)
        {
            var path = queue.Dequeue();
            if (!seen.Add(Pattern(path)))
            {
                continue;
            }
            var response = await page.GotoAsync(path);
            var expected = path.Contains(Missing, StringComparison.Ordinal) ? 404 : 200;
            if (response?.Status != expected)
            {
                problems.Add($"{path}: status {response?.Status}, not {expected}");
                continue;
            }
            checkedPages.Add(path);
            foreach (var (width, height) in Windows)
            {
                await page.SetViewportSizeAsync(width, height);
                problems.AddRange((await ProblemsAsync(page)).Select(p => $"{path} at {width} px: {p}"));
            }
            foreach (var link in await page.EvaluateAsync<string[]>(LinksScript))
            {
                if (Follows(visitor, link))
                {
                    EnqueueBothLanguages(queue, link);
                }
            }
        }

        Assert.True(checkedPages.Count < MostPages, $"More than {MostPages} pages: the crawl loops.\n{string.Join("\n", checkedPages)}");
        Assert.True(checkedPages.Count >= MinimumPages(visitor), $"Only {checkedPages.Count} pages reached:\n{string.Join("\n", checkedPages)}");
        Assert.True(problems.Count == 0, $"{problems.Count} problems on {checkedPages.Count} pages:\n{string.Join("\n", problems)}");
    }

    /// <summary>A crawl that reaches fewer pages than this lost its way (a login that failed, a link renamed).</summary>
    private static int MinimumPages(Visitor visitor) => visitor switch
    {
        Visitor.Anyone => 16,
        Visitor.Signer => 6,
        Visitor.Moderator => 8,
        _ => 14,
    };

    private static async Task<List<string>> ProblemsAsync(IPage page)
    {
        var problems = new List<string>();
        var look = await page.EvaluateAsync<PageLook>(LookScript);
        if (look.ScrollWidth > look.WindowWidth)
        {
            problems.Add($"{look.ScrollWidth} px wide (widest: {look.Widest})");
        }
        foreach (Match word in IdentifierLike().Matches(look.Text))
        {
            if (ResourceKeys.Contains(word.Value))
            {
                problems.Add($"shows the resource key \"{word.Value}\"");
            }
        }
        foreach (Match placeholder in Placeholder().Matches(look.Text))
        {
            problems.Add($"shows the unfilled placeholder \"{placeholder.Value}\"");
        }
        var axe = await page.RunAxe(WcagAA);
        problems.AddRange(axe.Violations.Select(v =>
            $"axe {v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target.ToString()))}"));
        return problems;
    }

    private sealed class PageLook
    {
        public int ScrollWidth { get; set; }
        public int WindowWidth { get; set; }
        public string Widest { get; set; } = "";
        public string Text { get; set; } = "";
    }

    /// <summary>The page's width against the window's, its widest element, and every text a person meets: shown, read aloud or hovered.</summary>
    private const string LookScript = """
        () => {
          const root = document.documentElement;
          let widest = '';
          let right = root.clientWidth;
          for (const element of document.body.querySelectorAll('*')) {
            const box = element.getBoundingClientRect();
            const reach = box.left + Math.max(box.width, element.scrollWidth);
            if (reach > right + 0.5) { right = reach; widest = element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + (element.className && typeof element.className === 'string' ? '.' + element.className.trim().split(/\s+/).join('.') : ''); }
          }
          const attributes = [...document.querySelectorAll('[title],[alt],[placeholder],[aria-label],input[type=submit],input[type=button]')]
            .flatMap(e => [e.getAttribute('title'), e.getAttribute('alt'), e.getAttribute('placeholder'), e.getAttribute('aria-label'), e.matches('input') ? e.value : null])
            .filter(v => v);
          return { scrollWidth: root.scrollWidth, windowWidth: window.innerWidth, widest, text: [document.title, document.body.innerText, ...attributes].join('\n') };
        }
        """;

    /// <summary>Links a person can follow: same site, not a file to download.</summary>
    private const string LinksScript = """
        () => [...document.querySelectorAll('a[href]')]
          .filter(a => !a.hasAttribute('download'))
          .map(a => new URL(a.href, location.href))
          .filter(u => u.origin === location.origin)
          .map(u => u.pathname + u.search)
        """;

    /// <summary>
    /// Whose pages this visitor explores: organisers their area (public pages are the visitor's),
    /// a visitor everything public; a signer only the pages their emails open. Files (an extension
    /// in the last segment) and exports are downloads, not pages.
    /// </summary>
    private static bool Follows(Visitor visitor, string link)
    {
        var path = link.Split('?')[0];
        if (Path.HasExtension(path.Split('/')[^1]) || path.Contains("/download", StringComparison.Ordinal) || path.EndsWith("/logout", StringComparison.Ordinal))
        {
            return false;
        }
        var organiserArea = path.Contains("/organiser", StringComparison.Ordinal);
        return visitor switch
        {
            Visitor.Anyone => !organiserArea,
            Visitor.Signer => false,
            _ => organiserArea,
        };
    }

    /// <summary>One visit per kind of page: numbers and secret tokens stand for any, the query is left out.</summary>
    private static string Pattern(string path) =>
        Token().Replace(Number().Replace(path.Split('?')[0], "/#"), "/*");

    /// <summary>Each page in both languages, wherever the links lead.</summary>
    private static void EnqueueBothLanguages(Queue<string> queue, string path)
    {
        queue.Enqueue(path);
        if (path.StartsWith("/fr/", StringComparison.Ordinal) || path == "/fr")
        {
            queue.Enqueue("/en" + path[3..]);
        }
        else if (path.StartsWith("/en/", StringComparison.Ordinal) || path == "/en")
        {
            queue.Enqueue("/fr" + path[3..]);
        }
    }

    private async Task<(IPage Page, string[] Starts)> StartAsync(IBrowserContext context, Visitor visitor)
    {
        const string campaign = $"/fr/c/{DemoCampaign.Slug}";
        switch (visitor)
        {
            case Visitor.Anyone:
                return (await context.NewPageAsync(), ["/fr/", campaign, "/fr/organiser/login", "/fr/organiser/forgot-password", "/fr" + Missing, await SetUpPathAsync(), await UnsubscribePathAsync()]);
            case Visitor.Signer:
                return (await context.NewPageAsync(), await SignerPathsAsync(context));
            default:
                var role = Enum.Parse<OrganisationRole>(visitor.ToString());
                var page = await host.SignedInPageAsync(context, role);
                return (page, ["/fr/organiser", $"/fr/organiser/{BrowserHost.DemoOrganisation}"]);
        }
    }

    /// <summary>Signs the demo campaign through its form and returns the pages on the way and those its emails open.</summary>
    private async Task<string[]> SignerPathsAsync(IBrowserContext context)
    {
        var page = await context.NewPageAsync();
        var email = $"crawl.{Guid.NewGuid():N}@example.org";
        await page.GotoAsync($"/fr/c/{DemoCampaign.Slug}/sign");
        await page.GetByLabel("Prénom").FillAsync("Camille");
        await page.GetByLabel("Nom", new() { Exact = true }).FillAsync("Parcours");
        await page.GetByLabel("Adresse e-mail").FillAsync(email);
        await page.GetByLabel("J’accepte que ma signature").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Signer", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/check-your-inbox$"));
        var mail = await host.EmailToAsync(email);
        var confirm = BrowserHost.LinkIn(mail, "confirm");
        await page.GotoAsync(confirm);

        // The confirmation email was just sent to that address: a link is asked for another signer's, confirmed earlier.
        var earlier = $"earlier.{Guid.NewGuid():N}@example.org";
        await host.ConfirmedSignatureAsync(earlier, "Sacha", "Antérieur");
        var requested = $"/fr/c/{DemoCampaign.Slug}/my-signature";
        await page.GotoAsync(requested);
        await page.GetByLabel("Adresse e-mail").FillAsync(earlier);
        await page.GetByRole(AriaRole.Button, new() { Name = "Recevoir le lien" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        var mine = await EventuallyLinkAsync(earlier, "my-signature");
        return [new Uri(page.Url).PathAndQuery, confirm, BrowserHost.LinkIn(mail, "withdraw"), requested, mine];
    }

    /// <summary>The link of that kind in any email to the address, once one arrives.</summary>
    private async Task<string> EventuallyLinkAsync(string address, string kind) => BrowserHost.LinkIn(
        await host.EmailToAsync(address, message => (message.TextBody ?? "").Contains($"/{kind}/", StringComparison.Ordinal)), kind);

    /// <summary>The unsubscribe link of a news email, for the demo campaign's last confirmed signature.</summary>
    private async Task<string> UnsubscribePathAsync()
    {
        var id = await host.WithDbAsync(db => db.Signatures.Where(s => s.State == SignatureState.Confirmed).MaxAsync(s => s.Id));
        return $"/fr/unsubscribe/{host.Services.GetRequiredService<Ralliement.News.UnsubscribeTokens>().For(id)}";
    }

    /// <summary>The one-time link a new organisation's first owner opens, as the admin command prints it.</summary>
    private async Task<string> SetUpPathAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var result = await ActivatorUtilities.CreateInstance<CreateOrganiser>(scope.ServiceProvider)
            .HandleAsync($"first.{Guid.NewGuid():N}@example.org", $"crawl-{Guid.NewGuid():N}"[..20], "Collectif parcouru", CancellationToken.None);
        Assert.Null(result.Error);
        return new Uri(result.SetUpLink!).PathAndQuery;
    }

    private static readonly SemaphoreSlim Seeding = new(1, 1);
    /// <summary>The host already seeded: xUnit makes a new instance of this class for each case, sharing the host.</summary>
    private static BrowserHost? _seededHost;

    /// <summary>Rows on the pages that list them: a held signature to moderate, a confirmed one, a news draft.</summary>
    private async Task SeedAsync()
    {
        await Seeding.WaitAsync();
        try
        {
            if (ReferenceEquals(_seededHost, host))
            {
                return;
            }
            await host.HeldSignatureAsync("Dominique", "Enattente");
            await host.ConfirmedSignatureAsync($"seen.{Guid.NewGuid():N}@example.org", "Alix", "Visible");
            await host.WithDbAsync(async db =>
            {
                var campaignId = await db.Campaigns.Where(c => c.Slug == DemoCampaign.Slug).Select(c => c.Id).SingleAsync();
                var post = new NewsPost { CampaignId = campaignId, State = NewsState.Draft, CreatedAt = DateTime.UtcNow };
                post.Texts.Add(new NewsText { Language = "fr", Subject = "Où en est la lettre", BodyMarkdown = "Merci à **toutes et tous**." });
                post.Texts.Add(new NewsText { Language = "en", Subject = "Where the letter stands", BodyMarkdown = "Thank you **all**." });
                db.News.Add(post);
                return await db.SaveChangesAsync();
            });
            _seededHost = host;
        }
        finally
        {
            Seeding.Release();
        }
    }

    private static HashSet<string> ReadResourceKeys()
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var assembly = typeof(Program).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".resources", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new ResourceReader(stream);
            foreach (DictionaryEntry entry in reader)
            {
                if (entry.Key is string key && IdentifierLike().IsMatch(key) && IdentifierLike().Match(key).Value == key)
                {
                    keys.Add(key);
                }
            }
        }
        Assert.True(keys.Count > 100, $"Only {keys.Count} resource keys read: the check would see nothing.");
        return keys;
    }

    /// <summary>A word with a capital inside it, as resource keys are written (LegalNoticeLink).</summary>
    [GeneratedRegex(@"\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b")]
    private static partial Regex IdentifierLike();

    [GeneratedRegex(@"\{\d+(?::[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"/\d+(?=/|$)")]
    private static partial Regex Number();

    [GeneratedRegex(@"/[A-Za-z0-9_-]{20,}(?=/|$)")]
    private static partial Regex Token();
}
