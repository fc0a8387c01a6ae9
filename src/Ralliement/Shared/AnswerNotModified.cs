using Microsoft.Net.Http.Headers;

namespace Ralliement.Shared;

/// <summary>
/// Answers 304 to a conditional GET whose <c>If-None-Match</c> names the ETag of the answer rendered
/// for it. The output cache answers 304 itself when it holds the answer; when it does not (first
/// request, expired, cache off) it renders, and this discards the body on its way to the client
/// while the cache still stores the full answer: a proxy revalidating does not empty the cache. The
/// status turns to 304 only once the cache has stored the 200, as it stores nothing else.
/// </summary>
internal sealed class AnswerNotModified(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var asked) || asked.Count == 0)
        {
            await next(context);
            return;
        }
        var response = context.Response;
        var body = response.Body;
        var filter = new Filter(response, asked, body);
        response.Body = filter;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }
        if (filter.NotModified && !response.HasStarted)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            response.Headers.Remove(HeaderNames.ContentType);
        }
    }

    /// <summary>Decides at the first byte (or flush), when the status and the ETag are known.</summary>
    private sealed class Filter(HttpResponse response, IList<EntityTagHeaderValue> asked, Stream inner) : Stream
    {
        private bool? _notModified;

        public bool NotModified => _notModified == true;

        private bool Discarding() => _notModified ??= response.StatusCode == StatusCodes.Status200OK
            && EntityTagHeaderValue.TryParse(response.Headers.ETag.ToString(), out var tag)
            // If-None-Match compares weakly (RFC 9110, 13.1.2).
            && asked.Any(a => a.Equals(EntityTagHeaderValue.Any) || a.Compare(tag, useStrongComparison: false));

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
            if (!Discarding())
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) =>
            Discarding() ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override void Write(byte[] buffer, int offset, int count)
        {
            if (!Discarding())
            {
                inner.Write(buffer, offset, count);
            }
        }

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
            Discarding() ? ValueTask.CompletedTask : inner.WriteAsync(buffer, cancellationToken);

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
