using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Ralliement.Shared;

/// <summary>
/// Gives a public answer, as it is rendered, its <c>Cache-Control</c> and a strong <c>ETag</c> (a hash of
/// its body). It runs inside the output cache, so the cached copy carries both and the cache answers
/// <c>If-None-Match</c> with 304 by itself. The framework has no policy for this: a policy sees the
/// answer only once its headers are sent, so the body is held here (a page weighs a few kilobytes and is
/// rendered once per <see cref="CachingOptions.PublicPages"/>). An answer that says its own caching
/// (a versioned image kept a year) or has its own ETag (kit images) keeps them.
/// </summary>
internal sealed class PublicAnswerHeaders(RequestDelegate next, IOptions<CachingOptions> caching)
{
    private static readonly object MarkKey = new();

    private readonly string _cacheControl = PublicPageCaching.CacheControl(caching.Value);

    public async Task InvokeAsync(HttpContext context)
    {
        // Removed at once: an error page re-executed after this answer is not a public answer.
        if (!context.Items.Remove(MarkKey))
        {
            await next(context);
            return;
        }
        var response = context.Response;
        var body = response.Body;
        using var held = new MemoryStream();
        response.Body = held;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }
        if (response.StatusCode == StatusCodes.Status200OK)
        {
            if (StringValues.IsNullOrEmpty(response.Headers.CacheControl))
            {
                response.Headers.CacheControl = _cacheControl;
            }
            if (StringValues.IsNullOrEmpty(response.Headers.ETag))
            {
                response.Headers.ETag = ETagOf(held.GetBuffer().AsSpan(0, (int)held.Length));
            }
        }
        if (held.Length > 0)
        {
            held.Position = 0;
            await held.CopyToAsync(body, context.RequestAborted);
        }
    }

    /// <summary>Strong: equal tags mean equal bytes. 128 bits of SHA-256 are plenty to tell versions apart.</summary>
    public static string ETagOf(ReadOnlySpan<byte> content) =>
        $"\"{Base64Url.EncodeToString(SHA256.HashData(content).AsSpan(0, 16))}\"";

    /// <summary>
    /// Part of the public policy: marks the request for <see cref="PublicAnswerHeaders"/>. A proxy counts
    /// the time an answer spent in this cache from the <c>Age</c> of a 200 and the <c>Date</c> of a 304,
    /// both sent by the output cache from the time the answer was rendered.
    /// </summary>
    internal sealed class Mark : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.HttpContext.Items[MarkKey] = true;
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
