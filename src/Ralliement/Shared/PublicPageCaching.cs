using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;

namespace Ralliement.Shared;

/// <summary>
/// At a peak, thousands of visitors a minute open the same campaign page. Public pages are the same
/// for every visitor (the language is in the path, the forms carry no token), so each is rendered
/// once per <see cref="CachingOptions.PublicPages"/> and served from memory in between. Every answer
/// under this policy (pages, the count, kit images, logos, feeds, the API) also tells browsers, proxies
/// and CDNs how long they may keep it (<see cref="PublicAnswerHeaders"/>) and is answered 304 when the
/// asker already holds it (<see cref="AnswerNotModified"/>). Pages that hold a signer's secret
/// (confirm, withdraw) never use this policy.
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
                // After NoCache, which clears the policies before it.
                policy.AddPolicy<PublicAnswerHeaders.Mark>();
            });
        });
    }

    /// <summary>
    /// The output cache between its two helpers: outside it, the 304 to a conditional request that the
    /// cache could not answer itself; inside it, the headers and ETag of a freshly rendered answer, so
    /// that the cached copy carries them and the cache answers 304 by itself on every later hit.
    /// </summary>
    public static void UsePublicPageCaching(this WebApplication app)
    {
        app.UseMiddleware<AnswerNotModified>();
        app.UseOutputCache();
        app.UseMiddleware<PublicAnswerHeaders>();
    }

    /// <summary>
    /// The promise of the privacy notice: a withdrawal empties this node's cache at once, another node's
    /// within <see cref="CachingOptions.PublicPages"/>, and a proxy, which counts the time an answer spent
    /// here (<c>Age</c>), serves its copy at most <see cref="CachingOptions.StaleWhileRevalidate"/> longer.
    /// </summary>
    public static TimeSpan WithdrawnNameLeavesWithin(CachingOptions caching) =>
        caching.PublicPages <= TimeSpan.Zero ? TimeSpan.Zero : caching.PublicPages + caching.StaleWhileRevalidate;

    /// <summary>
    /// What public answers say to browsers and proxies: kept <see cref="CachingOptions.PublicPages"/>,
    /// then served stale at most <see cref="CachingOptions.StaleWhileRevalidate"/> while a fresh copy is
    /// fetched. With the cache off, nothing may be kept without asking again.
    /// </summary>
    public static string CacheControl(CachingOptions caching)
    {
        if (caching.PublicPages <= TimeSpan.Zero)
        {
            return "no-cache";
        }
        var maxAge = ((long)caching.PublicPages.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        var stale = (long)caching.StaleWhileRevalidate.TotalSeconds;
        return stale > 0
            ? $"public, max-age={maxAge}, stale-while-revalidate={stale.ToString(CultureInfo.InvariantCulture)}"
            : $"public, max-age={maxAge}";
    }
}

public sealed class CachingOptions
{
    /// <summary>
    /// How stale a public page, the count endpoint and the campaign read by the signing form may be.
    /// Zero turns these caches off. It is also the <c>max-age</c> public answers carry.
    /// </summary>
    public TimeSpan PublicPages { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long past <see cref="PublicPages"/> a proxy may still serve its copy while it fetches a new
    /// one (<c>stale-while-revalidate</c>, RFC 5861). A fetch takes milliseconds, so ten seconds cover
    /// a loaded node; longer would only lengthen the promise that a withdrawn name leaves every public
    /// page, proxies included, within <see cref="PublicPages"/> + this.
    /// </summary>
    public TimeSpan StaleWhileRevalidate { get; set; } = TimeSpan.FromSeconds(10);
}
