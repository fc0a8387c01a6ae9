using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ralliement.AntiAbuse;

/// <summary>
/// Rate limits by client network, in memory (each node counts its own requests). The sign form is
/// limited by <see cref="SigningLimits"/> inside its handler, so that a refusal shows the form again
/// with what was typed; other pages put <c>[EnableRateLimiting(RateLimits.LinksPolicy)]</c> on their
/// page model, and a refusal is the 429 error page.
/// </summary>
public static class RateLimits
{
    /// <summary>
    /// For posts that try a password or send an email to a typed address: login, two-factor, forgot
    /// password, a signer's "send me a link". Only posts count; showing the page is never limited.
    /// </summary>
    public const string LinksPolicy = "links-per-network";

    public static void AddRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SigningLimits>();
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // The status code pages then render the 429 page, which reads Retry-After.
            limiter.OnRejected = (context, _) =>
            {
                context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds(
                    context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1));
                return ValueTask.CompletedTask;
            };
            limiter.AddPolicy(LinksPolicy, context =>
            {
                if (!HttpMethods.IsPost(context.Request.Method))
                {
                    return RateLimitPartition.GetNoLimiter("");
                }
                var bucket = context.RequestServices.GetRequiredService<IOptions<AntiAbuseOptions>>().Value.RateLimits.LinksPerNetwork;
                return Partition(ClientNetwork.Of(context), bucket);
            });
        });
    }

    /// <summary>A token bucket for one key, or none when its burst is set to 0.</summary>
    internal static RateLimitPartition<string> Partition(string key, BucketOptions bucket) =>
        bucket.Burst <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = bucket.Burst,
                // One token at a time, so the bucket refills smoothly rather than once a minute.
                TokensPerPeriod = 1,
                ReplenishmentPeriod = TimeSpan.FromMinutes(1) / Math.Max(1, bucket.PerMinute),
                QueueLimit = 0,
                AutoReplenishment = true,
            });

    /// <summary>Whole seconds, rounded up, at least one (RFC 9110, 10.2.3).</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
