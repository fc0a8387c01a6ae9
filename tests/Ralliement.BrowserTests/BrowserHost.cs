using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;

namespace Ralliement.BrowserTests;

/// <summary>
/// Ralliement on a real port with its own data folder, and Debian's Chromium driven by Playwright.
/// Chromium comes from the distribution (apt-get install chromium): no browser is downloaded.
/// </summary>
public sealed partial class BrowserHost : WebApplicationFactory<Program>, IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserHost() => UseKestrel(0);

    /// <summary>Polling file watchers, as in Ralliement.Tests' RalliementApp: inotify instances are limited to 128 per user.</summary>
    static BrowserHost()
    {
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ralliement-browser-").FullName;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("DataDirectory", DataDirectory);
        builder.UseSetting("Mail:PollInterval", "00:00:00.200");
        builder.UseSetting("StrictTexts", "true");
        builder.ConfigureLogging(logging => Ralliement.Tests.Support.TestLogFile.AddTo(logging, "browser"));
    }

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (apt-get install -y chromium); no browser is downloaded.");
        }
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Without the background-networking flags Chromium tries to reach Google's hosts at start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser profile, as a person arriving for the first time; JavaScript off unless asked.</summary>
    public Task<IBrowserContext> NewContextAsync(bool javaScript = false) => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = BaseUrl,
        JavaScriptEnabled = javaScript,
        // axe runs as a script injected into pages whose policy forbids scripts.
        BypassCSP = javaScript,
        Locale = "fr-FR",
    });

    /// <summary>Waits for the background sender to write an email to this address (and <paramref name="matching"/>, if given) into the mail folder.</summary>
    public async Task<MimeMessage> EmailToAsync(string address, Func<MimeMessage, bool>? matching = null)
    {
        var folder = Path.Combine(DataDirectory, "mail");
        for (var i = 0; i < 150; i++)
        {
            if (Directory.Exists(folder))
            {
                var found = Directory.GetFiles(folder, "*.eml").Select(path => MimeMessage.Load(path))
                    .FirstOrDefault(m => m.To.Mailboxes.Any(b => b.Address == address) && (matching is null || matching(m)));
                if (found is not null)
                {
                    return found;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email for {address} in 15 seconds.");
    }

    /// <summary>The path of the confirm or withdraw link in an email, to open on this test's own server.</summary>
    public static string LinkIn(MimeMessage email, string kind)
    {
        var link = Regex.Match(email.TextBody ?? "", $@"https?://\S+/{kind}/[A-Za-z0-9_-]+");
        Assert.True(link.Success, $"No /{kind}/ link in the email:\n{email.TextBody}");
        return new Uri(link.Value).PathAndQuery;
    }

    /// <summary>The number shown in the count box of a campaign page.</summary>
    public static async Task<int> CountOnPageAsync(IPage page)
    {
        var text = await page.Locator(".count strong").First.InnerTextAsync();
        return int.Parse(new string(text.Where(char.IsAsciiDigit).ToArray()), System.Globalization.CultureInfo.InvariantCulture);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await DisposeAsync();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a closing connection: the system cleans its temp folder.
        }
    }
}
