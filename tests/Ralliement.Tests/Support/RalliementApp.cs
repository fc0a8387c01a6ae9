using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using Ralliement.Data;
using Ralliement.Demo;
using Ralliement.Mail;
using Ralliement.Shared;

namespace Ralliement.Tests.Support;

/// <summary>
/// Ralliement on a real Kestrel port, with its own SQLite file and mail folder, and a clock the test
/// moves. Intent methods say what a signer does, so tests read as behaviour.
/// </summary>
public partial class RalliementApp : WebApplicationFactory<Program>
{
    public const string Slug = DemoCampaign.Slug;

    public RalliementApp() => UseKestrel(0);

    /// <summary>
    /// Each host watches its web root (for versioned links) and its appsettings files through inotify,
    /// and a disposed host does not release its web root's watcher until the collector runs. The suite
    /// starts hundreds of hosts in one process, which passed Linux's default of 128 inotify instances
    /// per user (measured: 109 watchers of wwwroot alive at once), after which hosts answered 500.
    /// Polling watchers take no inotify instance, and nothing here changes those files during a test.
    /// </summary>
    static RalliementApp()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    /// <summary>
    /// Configuration for this instance, set before its first request. Public pages are not cached
    /// unless a test asks for it, so a count read right after confirming is the new one.
    /// The rate limits (a burst of 0 is none) and the wave holds are off: tests sign many times from
    /// 127.0.0.1 with one domain, within one minute of a clock that stands still. The anti-abuse tests
    /// set their own.
    /// </summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["Caching:PublicPages"] = "00:00:00",
        ["AntiAbuse:RateLimits:SigningPerNetwork:Burst"] = "0",
        ["AntiAbuse:RateLimits:LinksPerNetwork:Burst"] = "0",
        ["AntiAbuse:RateLimits:SigningPerDomain:Burst"] = "0",
        ["AntiAbuse:Waves:Enabled"] = "false",
        // A low proof-of-work difficulty keeps the many signatures of the suite quick to prove.
        ["AntiAbuse:ProofOfWork:Difficulty"] = "8",
    };

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ralliement-test-").FullName;

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    /// <summary>This app's own PostgreSQL database when the suite runs on PostgreSQL, else null (SQLite).</summary>
    private string? _postgresDatabase;

    /// <summary>
    /// On SQLite an app starts on a copy of <see cref="MigratedSqliteFile"/> unless this is set: then it
    /// migrates an empty file itself, as a new site does. On PostgreSQL every app migrates its own database.
    /// </summary>
    public bool StartsOnEmptyDatabase { get; init; }

    /// <summary>The warnings and errors this host logged.</summary>
    public CapturedLog Log { get; } = new();

    public TestClock Clock { get; } = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Mail:PollInterval", "00:00:00.200");
        builder.UseSetting("StrictTexts", "true");
        foreach (var (key, value) in TestDatabase.NewDatabaseSettings(out _postgresDatabase))
        {
            builder.UseSetting(key, value);
        }
        // The file name the application gives its SQLite database in the data folder (Data/DataServices.cs).
        var sqliteFile = Path.Combine(DataDirectory, "ralliement.db");
        var onTemplate = _postgresDatabase is null && !StartsOnEmptyDatabase;
        if (onTemplate && !File.Exists(sqliteFile))
        {
            MigratedSqliteFile.CopyTo(sqliteFile);
        }
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
            if (onTemplate)
            {
                // Before it migrates, EF Core compares the model with the last migration's snapshot: most of
                // what start-up still spent migrating a migrated copy (about 30 of 37 ms an app, measured).
                // The template was made from these migrations, tests/run.sh checks both providers for a model
                // change without its migration, and StartupMigrationTests keeps the comparison.
                services.ConfigureDbContext<SqliteRalliementDb>(options =>
                    options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning)));
            }
            // Sweeps run when a test calls them: on the test's clock, a runner would also start one
            // whenever the test moves the clock, racing the test's own call.
            foreach (var runner in services.Where(d => d.ImplementationType is { IsGenericType: true } type
                && type.GetGenericTypeDefinition() == typeof(PeriodicWork<>)).ToList())
            {
                services.Remove(runner);
            }
        });
        builder.ConfigureLogging(logging =>
        {
            TestLogFile.AddTo(logging, "app");
            logging.AddProvider(Log);
        });
    }

    /// <summary>Where the server listens; starts it on first use.</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            return new Uri(Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First());
        }
    }

    /// <summary>A browser-like client: no automatic redirects, cookies kept, on the real server.</summary>
    public HttpClient Browser()
    {
        // Built by hand: with Kestrel, the factory's client follows redirects whatever its options say.
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        return new HttpClient(handler) { BaseAddress = Address };
    }

    public async Task<T> WithDbAsync<T>(Func<RalliementDb, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RalliementDb>());
    }

    /// <summary>Runs a scoped service, such as a sweep, as a request would.</summary>
    public async Task<T> WithAsync<TService, T>(Func<TService, Task<T>> use)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public static Dictionary<string, string> Form(string email, string firstName = "Ana", string lastName = "Lopes", bool showPublicly = true) => new()
    {
        ["FirstName"] = firstName,
        ["LastName"] = lastName,
        ["Email"] = email,
        ["Institution"] = "Université de Test",
        ["ShowPublicly"] = showPublicly ? "true" : "false",
        ["ConsentToProcessing"] = "true",
    };

    public async Task<HttpResponseMessage> SignAsync(Dictionary<string, string> form, string language = "fr", string slug = Slug)
    {
        using var client = Browser();
        return await client.PostAsync($"/{language}/c/{slug}/sign", new FormUrlEncodedContent(await WithProofAsync(form, slug)));
    }

    public async Task<HttpResponseMessage> SignAsync(IEnumerable<KeyValuePair<string, string>> fields, string language = "fr")
    {
        using var client = Browser();
        return await client.PostAsync($"/{language}/c/{Slug}/sign", new FormUrlEncodedContent(await WithProofAsync(fields, Slug)));
    }

    /// <summary>All emails delivered to an address so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> EmailsTo(string address)
    {
        if (!Directory.Exists(MailDirectory))
        {
            return [];
        }
        return Directory.GetFiles(MailDirectory, "*.eml")
            .Select(path => MimeMessage.Load(path))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))
            .OrderBy(m => int.Parse(OutboxNumber().Match(m.MessageId ?? "0").Value, System.Globalization.CultureInfo.InvariantCulture))
            .ToList();
    }

    /// <summary>Waits for the background sender to deliver the nth email to an address.</summary>
    public async Task<MimeMessage> EmailToAsync(string address, int count = 1)
    {
        for (var i = 0; i < 150; i++)
        {
            var emails = EmailsTo(address);
            if (emails.Count >= count)
            {
                return emails[count - 1];
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email number {count} arrived for {address} in 15 seconds.");
    }

    /// <summary>
    /// Waits until the sender has delivered every email due so far, so a test can then assert that
    /// one was never sent. It queues a marker to a fresh address, last in sending order (news
    /// priority, due now, newest), and waits for the sender to mark it sent: every email before it in
    /// that order has left by then. Returns the marker's outbox id, for tests that count every email.
    /// </summary>
    public async Task<long> WaitForQueuedEmailsAsync()
    {
        var outbox = Services.GetRequiredService<Outbox>();
        var id = await WithDbAsync(async db =>
        {
            outbox.Add(db, UniqueEmail("marker"), "Marker", "Queued by a test to know the sender has passed.", OutboxPriority.News);
            await db.SaveChangesAsync();
            return db.Outbox.Local.Single().Id;
        });
        outbox.Notify();
        await EventuallyAsync(() => WithDbAsync(db => db.Outbox.AnyAsync(m => m.Id == id && m.State == OutboxState.Sent)),
            "the sender to deliver the emails queued so far");
        return id;
    }

    /// <summary>Waits for a condition that background work makes true, polling every 50 ms.</summary>
    public static async Task EventuallyAsync(Func<Task<bool>> condition, string what, int seconds = 15)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {seconds} s for {what}.");
            }
            await Task.Delay(50);
        }
    }

    public static string LinkIn(MimeMessage email, string kind) =>
        new Uri(Regex.Match(email.TextBody ?? "", $@"https?://\S+/{kind}/[A-Za-z0-9_-]+").Value).PathAndQuery;

    public async Task<HttpResponseMessage> ConfirmAsync(MimeMessage email)
    {
        using var client = Browser();
        return await client.GetAsync(LinkIn(email, "confirm"));
    }

    /// <summary>Opens the withdrawal link and presses the button, as a signer does.</summary>
    public async Task<HttpResponseMessage> WithdrawAsync(MimeMessage email)
    {
        using var client = Browser();
        var link = LinkIn(email, "withdraw");
        var page = await client.GetStringAsync(link);
        return await client.PostAsync(link, new FormUrlEncodedContent([new("__RequestVerificationToken", AntiforgeryTokenIn(page))]));
    }

    /// <summary>The antiforgery token of the form in a page.</summary>
    public static string AntiforgeryTokenIn(string page) => WebUtility.HtmlDecode(AntiforgeryField().Match(page).Groups[1].Value);

    /// <summary>The count shown on the public campaign page.</summary>
    public async Task<int> PublicCountAsync(string language = "fr")
    {
        using var client = Browser();
        var page = await client.GetStringAsync($"/{language}/c/{Slug}");
        var digits = CountOnPage().Match(page).Groups[1].Value.Where(char.IsAsciiDigit).ToArray();
        return int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<string> PublicListAsync(string language = "fr", string query = "")
    {
        using var client = Browser();
        return await client.GetStringAsync($"/{language}/c/{Slug}/signatories{query}");
    }

    public static string UniqueEmail(string name = "signer") => $"{name}.{Guid.NewGuid():N}@example.org";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            if (_postgresDatabase is not null)
            {
                TestDatabase.DropPostgres(_postgresDatabase);
            }
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing connection: the temp folder is cleaned by the system.
            }
        }
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex OutboxNumber();

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex(@"class=""count"">\s*<p><strong>([^<]+)</strong>")]
    private static partial Regex CountOnPage();
}

/// <summary>A clock the test moves by hand, which can also be made to fail to provoke a server error.</summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<TimeSpan, int> _timers = new();

    public bool Broken { get; set; }

    /// <summary>
    /// How many timers were set to fire after <paramref name="dueTime"/>: a job that has just set one
    /// waits for this clock, so a test knows it will do nothing more until the clock moves.
    /// </summary>
    public int TimersSetFor(TimeSpan dueTime) => _timers.GetValueOrDefault(dueTime);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        _timers.AddOrUpdate(dueTime, 1, (_, count) => count + 1);
        return base.CreateTimer(callback, state, dueTime, period);
    }

    public override DateTimeOffset GetUtcNow() =>
        Broken ? throw new InvalidOperationException("The test broke the clock.") : base.GetUtcNow();
}
