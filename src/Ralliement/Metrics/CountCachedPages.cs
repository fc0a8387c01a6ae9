using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Metrics;

/// <summary>
/// Counts public pages rendered and served from memory. The output cache has no meter of its own
/// (ASP.NET Core's meters count requests by route, hits and renders alike), so this policy, run for
/// every request beside the pages' own, counts the two moments the cache reports to its policies.
/// It caches nothing itself: only a page whose own policy turns caching on reaches either moment.
/// </summary>
internal sealed class CountCachedPages(RalliementMetrics metrics) : IOutputCachePolicy
{
    public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.PageFromCache(RouteOf(context.HttpContext));
        return ValueTask.CompletedTask;
    }

    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        metrics.PageRendered(RouteOf(context.HttpContext));
        return ValueTask.CompletedTask;
    }

    /// <summary>The route's template (<c>{lang}/c/{slug}</c>), never the path itself: a bounded set, naming no campaign.</summary>
    private static string RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "other";
}
