using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Admin;
using Ralliement.Data;
using Ralliement.Tests.Support;

namespace Ralliement.Tests.Deployment;

/// <summary>
/// The two-node deployment of docs/deploy.md on 127.0.0.1: Debian's nginx running the shipped
/// deploy/nginx/ralliement-two-nodes.conf (only its ports and cache folder changed), in front of two
/// published nodes on one PostgreSQL database of their own, sharing one data folder as two
/// instances on one machine do. Everything started is killed on disposal.
/// </summary>
public sealed class ProxiedSite : IAsyncDisposable
{
    private readonly string _prefix = Directory.CreateTempSubdirectory("ralliement-nginx-").FullName;
    private readonly string _database;
    private Process? _nginx;

    private ProxiedSite(string folder, IReadOnlyDictionary<string, string> extraSettings)
    {
        var settings = TestDatabase.NewDatabaseSettings(out var database);
        _database = database ?? throw new InvalidOperationException("The deployment tests need RALLIEMENT_TEST_POSTGRES (tests/postgres.sh).");
        Port = PublishedApp.FreePort();
        settings["DataDirectory"] = DataDirectory;
        settings["ReverseProxy:KnownProxies:0"] = "127.0.0.1";
        settings["PublicBaseUrl"] = $"http://127.0.0.1:{Port}";
        // Either node takes over the emails a killed one had claimed after 2 s instead of 5 minutes.
        settings["Mail:PollInterval"] = "00:00:00.200";
        settings["Mail:ClaimDuration"] = "00:00:02";
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }
        Settings = settings;
        First = new PublishedNode(folder, settings);
        Second = new PublishedNode(folder, settings);
    }

    /// <summary>The data folder of both nodes, for their mail folder (the keys of cookies and links are in the database).</summary>
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("ralliement-deploy-data-").FullName;

    public string MailDirectory => Path.Combine(DataDirectory, "mail");

    public IReadOnlyDictionary<string, string> Settings { get; }

    public PublishedNode First { get; }

    public PublishedNode Second { get; }

    /// <summary>nginx's port on 127.0.0.1.</summary>
    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>The error log of nginx, for a failing test's message.</summary>
    public string NginxErrors => File.Exists(Path.Combine(_prefix, "error.log")) ? File.ReadAllText(Path.Combine(_prefix, "error.log")) : "";

    public static async Task<ProxiedSite> StartAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var site = new ProxiedSite(await PublishedApp.FolderAsync(), settings ?? new Dictionary<string, string>());
        try
        {
            // One after the other: the first creates the database and seeds the demo campaign.
            await site.First.StartAsync();
            await site.Second.StartAsync();
            await site.StartNginxAsync();
            return site;
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The shipped site file with the nodes' and nginx's ports and the cache folder of this test; a
    /// line that is no longer in the shipped file fails here, so the test keeps following it.
    /// </summary>
    public static string ShippedTwoNodesConfig(int port, int first, int second, string cacheFolder)
    {
        var config = PublishedApp.Shipped("nginx/ralliement-two-nodes.conf");
        foreach (var (shipped, here) in new[]
        {
            ("server 127.0.0.1:5001 ", $"server 127.0.0.1:{first} "),
            ("server 127.0.0.1:5002 ", $"server 127.0.0.1:{second} "),
            ("listen 80;", $"listen 127.0.0.1:{port};"),
            ("listen [::]:80;", ""),
            ("/var/cache/nginx-ralliement ", cacheFolder + " "),
        })
        {
            if (config.Split(shipped).Length != 2)
            {
                throw new InvalidOperationException($"deploy/nginx/ralliement-two-nodes.conf no longer has one \"{shipped}\".");
            }
            config = config.Replace(shipped, here, StringComparison.Ordinal);
        }
        return config;
    }

    /// <summary>Debian's nginx, which tests/run.sh installs.</summary>
    public static string Nginx => new[] { "/usr/sbin/nginx", "/usr/bin/nginx" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("nginx is not installed: tests/run.sh installs Debian's package (apt-get install nginx).");

    private async Task StartNginxAsync()
    {
        var nginx = Nginx;
        File.WriteAllText(Path.Combine(_prefix, "ralliement.conf"),
            ShippedTwoNodesConfig(Port, First.Port, Second.Port, Path.Combine(_prefix, "cache")));
        // What Debian's /etc/nginx/nginx.conf does around a site file, in this test's own folder.
        File.WriteAllText(Path.Combine(_prefix, "nginx.conf"), $$"""
            worker_processes 1;
            pid {{_prefix}}/nginx.pid;
            error_log {{_prefix}}/error.log warn;
            {{(Environment.UserName == "root" ? "user root root;" : "")}}
            events { worker_connections 1024; }
            http {
                include /etc/nginx/mime.types;
                access_log off;
                client_body_temp_path {{_prefix}}/body;
                proxy_temp_path {{_prefix}}/proxy;
                fastcgi_temp_path {{_prefix}}/fastcgi;
                uwsgi_temp_path {{_prefix}}/uwsgi;
                scgi_temp_path {{_prefix}}/scgi;
                include {{_prefix}}/ralliement.conf;
            }
            """);
        var start = new ProcessStartInfo(nginx, ["-p", _prefix, "-c", Path.Combine(_prefix, "nginx.conf"), "-e", Path.Combine(_prefix, "error.log"), "-g", "daemon off;"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _nginx = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start.");
        _nginx.BeginOutputReadLine();
        _nginx.BeginErrorReadLine();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 100; i++)
        {
            if (_nginx.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {_nginx.ExitCode}:\n{NginxErrors}");
            }
            try
            {
                using var response = await client.GetAsync(new Uri(Address, "/readyz"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"nginx did not answer within 10 seconds:\n{NginxErrors}");
    }

    /// <summary>
    /// A client of nginx, as a browser is: no automatic redirects, cookies kept. With
    /// <paramref name="from"/>, its connections leave from that loopback address (127.x.y.z), as if
    /// they came from another machine.
    /// </summary>
    public HttpClient Client(string? from = null)
    {
        var handler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        if (from is not null)
        {
            var source = IPAddress.Parse(from);
            handler.ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }
        return new HttpClient(handler) { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(20) };
    }

    /// <summary>The database both nodes share, read as the admin commands read it.</summary>
    public async Task<T> WithDbAsync<T>(Func<RalliementDb, Task<T>> query)
    {
        await using var host = AdminHost.BuildServices([.. Settings.Select(s => $"--{s.Key}={s.Value}")]);
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<RalliementDb>());
    }

    /// <summary>How the nodes hash addresses, for finding a signer's row as they do.</summary>
    public async Task<Func<string, string>> KeyOfAsync()
    {
        await using var host = AdminHost.BuildServices([.. Settings.Select(s => $"--{s.Key}={s.Value}")]);
        var addresses = host.Services.GetRequiredService<Ralliement.Privacy.AddressProtection>();
        return email => addresses.Key(Ralliement.Shared.EmailAddress.Parse(email));
    }

    public async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            // The master and its worker.
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync();
        }
        _nginx?.Dispose();
        First.Dispose();
        Second.Dispose();
        TestDatabase.DropPostgres(_database);
        foreach (var folder in new[] { _prefix, DataDirectory })
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held by a closing process: the temp folder is cleaned by the system.
            }
        }
    }
}
