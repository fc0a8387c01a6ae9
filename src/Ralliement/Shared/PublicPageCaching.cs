using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Ralliement.Shared;

/// <summary>
/// At a peak, thousands of visitors a minute open the same campaign page. Public pages are the same
/// for every visitor (the language is in the path, the forms carry no token), so each is rendered
/// once per <see cref="CachingOptions.PublicPages"/> and served from memory in between. Pages
/// that hold a signer's secret (confirm, withdraw) never use this policy.
/// </summary>
public static class PublicPageCaching
{
    /// <summary>The output-cache policy of public pages and of the count endpoint.</summary>
    public const string Policy = "PublicPage";

    /// <summary>The tag of every cached public page, to drop them all when a name must leave them at once.</summary>
    public const string Tag = "public-pages";

    public static void AddPublicPageCaching(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CachingOptions>(builder.Configuration.GetSection("Caching"));
        builder.Services.AddSingleton(typeof(RecentReads<,>));
        builder.Services.AddOutputCache();
        builder.Services.AddOptions<OutputCacheOptions>().Configure<IOptions<CachingOptions>>((output, caching) =>
        {
            // Slugs are matched case-sensitively: /c/Demo must not be answered with /c/demo's page.
            output.UseCaseSensitivePaths = true;
            var freshness = caching.Value.PublicPages;
            output.AddPolicy(Policy, policy =>
            {
                if (freshness > TimeSpan.Zero)
                {
                    policy.Expire(freshness).Tag(Tag);
                }
                else
                {
                    policy.NoCache();
                }
            });
        });
    }
}

public sealed class CachingOptions
{
    /// <summary>
    /// How stale a public page, the count endpoint and the campaign read by the signing form may be.
    /// Zero turns these caches off.
    /// </summary>
    public TimeSpan PublicPages { get; set; } = TimeSpan.FromSeconds(1);
}
