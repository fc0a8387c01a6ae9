using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using CsvHelper.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Ralliement.Statistics;

/// <summary>
/// Public statistics: the page (<c>Statistics/Stats</c>), and the same figures as <c>stats.json</c>
/// and <c>stats.csv</c>, kept <c>Stats:CacheFor</c> by the output cache, browsers and proxies.
/// </summary>
public static class StatisticsServices
{
    /// <summary>The output-cache policy of <c>stats.json</c> and <c>stats.csv</c>.</summary>
    public const string CachePolicy = "PublicStatistics";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void AddStatistics(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<StatisticsOptions>(builder.Configuration.GetSection("Stats"));
        builder.Services.AddSingleton<CampaignSnapshots>();
        builder.Services.AddScoped<ComputeCampaignFigures>();
        builder.Services.AddScoped<ReadStatistics>();
        builder.Services.AddScoped<IReadMilestones, SnapshotMilestones>();
        builder.Services.AddOptions<Microsoft.AspNetCore.OutputCaching.OutputCacheOptions>().Configure<IOptions<StatisticsOptions>>((output, statistics) =>
        {
            var keep = statistics.Value.CacheFor;
            output.AddPolicy(CachePolicy, policy =>
            {
                if (keep > TimeSpan.Zero)
                {
                    policy.Expire(keep).Tag(PublicPageCaching.Tag);
                }
                else
                {
                    policy.NoCache();
                }
                // Cache-Control and an ETag, as every public answer (after NoCache, which clears the policies before it).
                policy.AddPolicy<PublicAnswerHeaders.Mark>();
            });
        });
    }

    public static void MapStatistics(this WebApplication app)
    {
        app.MapGet("/{lang:lang}/c/{slug}/stats.json", async (string slug, HttpContext http, ReadStatistics read, IOptions<StatisticsOptions> options) =>
        {
            if (await read.HandleAsync(slug, Languages.Current, http.RequestAborted) is not { } result)
            {
                return Results.NotFound();
            }
            Public(http, options.Value);
            return Results.Json(result.Statistics, Json);
        }).CacheOutput(CachePolicy);

        app.MapGet("/{lang:lang}/c/{slug}/stats.csv", async (string slug, HttpContext http, ReadStatistics read, IOptions<StatisticsOptions> options, IStringLocalizer<StatisticsText> text) =>
        {
            if (await read.HandleAsync(slug, Languages.Current, http.RequestAborted) is not { } result)
            {
                return Results.NotFound();
            }
            Public(http, options.Value);
            return Results.Text(Csv(result.Statistics, text), "text/csv; charset=utf-8", Encoding.UTF8);
        }).CacheOutput(CachePolicy);
    }

    /// <summary>
    /// Kept <see cref="StatisticsOptions.CacheFor"/> rather than the pages' time, with the pages' grace
    /// for proxies; readable by any page or notebook, as the count endpoint is.
    /// </summary>
    internal static void Public(HttpContext http, StatisticsOptions options)
    {
        var caching = http.RequestServices.GetRequiredService<IOptions<CachingOptions>>().Value;
        http.Response.Headers.CacheControl = PublicPageCaching.CacheControl(
            new CachingOptions { PublicPages = options.CacheFor, StaleWhileRevalidate = caching.StaleWhileRevalidate });
        http.Response.Headers.AccessControlAllowOrigin = "*";
    }

    private static readonly CsvConfiguration CsvSettings = new(CultureInfo.InvariantCulture)
    {
        // Labels are typed by signers: a cell such as =HYPERLINK(…) stays text in a spreadsheet.
        InjectionOptions = InjectionOptions.Escape,
        InjectionCharacters = ['=', '+', '-', '@', '\t', '\r'],
        InjectionEscapeCharacter = '\'',
        NewLine = "\r\n",
    };

    /// <summary>
    /// One row a figure under the header <c>section,key,label,count,verified,licence</c>: <c>total</c>,
    /// then <c>day</c> (key: the date), then one section a breakdown (key: the value as counted,
    /// <c>others</c> or <c>not-given</c>). The licence is a column of every row rather than a comment
    /// line, which CSV readers would take for data.
    /// </summary>
    public static string Csv(CampaignStatistics statistics, IStringLocalizer<StatisticsText> text)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = new CsvWriter(writer, CsvSettings))
        {
            void Row(string section, string key, string label, int? count, int? verified)
            {
                csv.WriteField(section);
                csv.WriteField(key);
                csv.WriteField(label);
                csv.WriteField(count?.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(verified?.ToString(CultureInfo.InvariantCulture));
                csv.WriteField(statistics.Licence);
                csv.NextRecord();
            }
            foreach (var header in (string[])["section", "key", "label", "count", "verified", "licence"])
            {
                csv.WriteField(header);
            }
            csv.NextRecord();
            Row("total", "", text["Total"], statistics.Total, statistics.Affiliations?.Verified);
            foreach (var day in statistics.Days)
            {
                Row("day", day.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), day.Complete ? "" : text["TodayNotFinished"], day.Count, null);
            }
            foreach (var breakdown in statistics.Breakdowns)
            {
                foreach (var category in breakdown.Categories)
                {
                    var key = category.Kind switch
                    {
                        CategoryFigure.Others => "others",
                        CategoryFigure.NotGiven => "not-given",
                        _ => category.Key,
                    };
                    Row(breakdown.Name, key, category.Label, category.Count, category.Verified);
                }
            }
        }
        return writer.ToString();
    }
}
