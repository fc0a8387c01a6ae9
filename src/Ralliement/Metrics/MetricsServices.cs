using Microsoft.AspNetCore.OutputCaching;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Ralliement.Metrics;

/// <summary>
/// Metrics, off by default: exported over OTLP to a collector when <c>Metrics:Otlp:Endpoint</c> is set,
/// and offered to a Prometheus scraper at <c>Metrics:Prometheus:Path</c> when enabled, to the listed
/// networks only. With neither, no OpenTelemetry pipeline is built at all.
/// </summary>
public static class MetricsServices
{
    /// <summary>
    /// ASP.NET Core's and .NET's own meters, which already count what a page costs: requests by route,
    /// status and duration (Hosting), connections (Kestrel), rate limit refusals, and the runtime's GC,
    /// memory and thread pool (System.Runtime, built into .NET 9 and later: no instrumentation package needed).
    /// </summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.AspNetCore.Hosting",
        "Microsoft.AspNetCore.Server.Kestrel",
        "Microsoft.AspNetCore.RateLimiting",
        "Microsoft.AspNetCore.Diagnostics",
        "System.Runtime",
    ];

    public static void AddMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RalliementMetrics>();
        var settings = MetricsSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return;
        }
        builder.Services.AddSingleton<CountCachedPages>();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<CountCachedPages>((output, counter) => output.AddBasePolicy(counter));
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("ralliement"))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(RalliementMetrics.MeterName).AddMeter(FrameworkMeters);
                if (settings.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(otlp =>
                    {
                        otlp.Endpoint = endpoint;
                        otlp.Protocol = settings.OtlpProtocol;
                    });
                }
                if (settings.PrometheusEnabled)
                {
                    // Each scrape reads the figures afresh: a scraper asks every few seconds, and the outbox is read at most every five.
                    metrics.AddPrometheusExporter(prometheus => prometheus.ScrapeResponseCacheDurationMilliseconds = 0);
                }
            });
    }

    /// <summary>
    /// The scrape endpoint, after the forwarded headers (so the address checked is the client's) and
    /// before the pages. To an address outside <c>Metrics:Prometheus:AllowedNetworks</c> the request
    /// goes on as any other, and finds nothing there: 404. It is never output-cached (no policy names
    /// it) and sets no cookie; no site-wide rate limit applies to it.
    /// </summary>
    public static void MapMetrics(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<MetricsSettings>();
        if (!settings.PrometheusEnabled)
        {
            return;
        }
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == settings.PrometheusPath && settings.MayScrape(context.Connection.RemoteIpAddress));
    }
}

/// <summary>The <c>Metrics</c> section, read once at start and checked then: a wrong network fails the start, not a scrape.</summary>
public sealed class MetricsSettings
{
    public Uri? OtlpEndpoint { get; private init; }

    public OtlpExportProtocol OtlpProtocol { get; private init; }

    public bool PrometheusEnabled { get; private init; }

    public PathString PrometheusPath { get; private init; }

    public IReadOnlyList<System.Net.IPNetwork> AllowedNetworks { get; private init; } = [];

    public bool Enabled => OtlpEndpoint is not null || PrometheusEnabled;

    /// <summary>Loopback only: a scraper elsewhere is allowed by name.</summary>
    public static readonly string[] DefaultNetworks = ["127.0.0.0/8", "::1/128"];

    public static MetricsSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Metrics");
        var endpoint = section["Otlp:Endpoint"];
        var protocol = section["Otlp:Protocol"];
        // A list set in configuration replaces the default, rather than adding to it as binding a list would.
        var networks = section.GetSection("Prometheus:AllowedNetworks").Get<string[]>() ?? DefaultNetworks;
        return new MetricsSettings
        {
            OtlpEndpoint = string.IsNullOrWhiteSpace(endpoint) ? null : new Uri(endpoint, UriKind.Absolute),
            OtlpProtocol = protocol switch
            {
                null or "" or "grpc" => OtlpExportProtocol.Grpc,
                "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
                _ => throw new InvalidOperationException($"Metrics:Otlp:Protocol is \"{protocol}\"; it takes grpc or http/protobuf."),
            },
            PrometheusEnabled = section.GetValue("Prometheus:Enabled", false),
            PrometheusPath = section.GetValue("Prometheus:Path", "/metrics"),
            AllowedNetworks = networks.Select(n => System.Net.IPNetwork.TryParse(n.Trim(), out var network)
                ? network
                : throw new InvalidOperationException($"Metrics:Prometheus:AllowedNetworks has \"{n}\", which is not a network such as 10.0.0.0/8.")).ToList(),
        };
    }

    /// <summary>Whether a client at this address may read the scrape endpoint (IPv4 seen through IPv6 counts as IPv4).</summary>
    public bool MayScrape(System.Net.IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return AllowedNetworks.Any(n => n.Contains(address));
    }
}
