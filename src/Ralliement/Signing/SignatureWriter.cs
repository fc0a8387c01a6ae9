using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Ralliement.Mail;
using Ralliement.Metrics;

namespace Ralliement.Signing;

/// <summary>
/// The one writer of signatures in this process. Signing requests queue their validated signature
/// and wait; the writer takes up to <see cref="MaxBatch"/> at a time and commits them in one
/// transaction, so a peak of thousands of signers a minute costs a few commits (and fsyncs) a
/// second instead of one each. A request is answered only once its batch is committed.
/// </summary>
public sealed partial class SignatureWriter : BackgroundService
{
    /// <summary>Most signatures in one transaction; beyond a few hundred a commit saves little more.</summary>
    public const int MaxBatch = 256;

    /// <summary>Tries of a whole batch that another node keeps beating to an address, before taking its items one by one.</summary>
    private const int Attempts = 3;

    private readonly Channel<PendingSignature> _queue;
    private readonly IServiceScopeFactory _scopes;
    private readonly Outbox _outbox;
    private readonly ILogger<SignatureWriter> _logger;
    private readonly RalliementMetrics _metrics;
    private volatile bool _abandoned;

    public SignatureWriter(IServiceScopeFactory scopes, Outbox outbox, IOptions<SigningOptions> options, ILogger<SignatureWriter> logger, RalliementMetrics metrics)
    {
        _metrics = metrics;
        _scopes = scopes;
        _outbox = outbox;
        _logger = logger;
        _queue = Channel.CreateBounded<PendingSignature>(new BoundedChannelOptions(Math.Max(1, options.Value.WriteQueueCapacity))
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Queues a signature; false when the queue is full or the process is stopping.</summary>
    public bool TryEnqueue(PendingSignature signature) => _queue.Writer.TryWrite(signature);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Not stopped by stoppingToken: StopAsync closes the queue, and what it holds is still written.
        var reader = _queue.Reader;
        var batch = new List<PendingSignature>(MaxBatch);
        try
        {
            while (await reader.WaitToReadAsync(CancellationToken.None))
            {
                while (batch.Count < MaxBatch && reader.TryRead(out var signature))
                {
                    batch.Add(signature);
                }
                if (_abandoned)
                {
                    // The host's shutdown timeout has passed: tell the waiting signers to try again.
                    batch.ForEach(s => s.Written.TrySetResult(false));
                }
                else
                {
                    var started = Stopwatch.GetTimestamp();
                    await WriteAsync(batch);
                    _metrics.BatchWritten(batch.Count, started);
                }
                batch.Clear();
            }
        }
        finally
        {
            // Nobody is left waiting for an answer that will never come, even if this loop died:
            // later signers are told to retry rather than queued behind a writer that is gone.
            _queue.Writer.TryComplete();
            batch.ForEach(s => s.Written.TrySetResult(false));
            while (reader.TryRead(out var signature))
            {
                signature.Written.TrySetResult(false);
            }
        }
    }

    /// <summary>Refuses new signatures, then writes those already queued before the process ends.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        using var abandon = cancellationToken.Register(() => _abandoned = true);
        await base.StopAsync(cancellationToken);
    }

    private async Task WriteAsync(List<PendingSignature> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using (var scope = _scopes.CreateAsyncScope())
                {
                    await scope.ServiceProvider.GetRequiredService<WriteSignatureBatch>().HandleAsync(batch);
                }
                batch.ForEach(s => s.Written.TrySetResult(true));
                _outbox.Notify();
                return;
            }
            catch (DbUpdateException exception) when (exception.IsUniqueViolation() && attempt < Attempts)
            {
                // Another node committed one of these addresses between our read and our write, and
                // PostgreSQL has aborted our transaction: read again in a fresh context, where it is a repeat.
                LogRaced(_logger, batch.Count, attempt);
            }
            catch (DbUpdateException exception) when (batch.Count > 1)
            {
                // Perhaps one item the database refuses: write each alone, so it fails only its own signer.
                LogSplit(_logger, batch.Count, exception.GetType().Name);
                foreach (var signature in batch)
                {
                    await WriteAsync([signature]);
                }
                return;
            }
            catch (Exception exception)
            {
                // The database itself is failing (connection, disk): every waiting signer gets the
                // error page now, rather than each waiting for its own failure in turn.
                LogFailed(_logger, batch.Count, exception.GetType().Name);
                batch.ForEach(s => s.Written.TrySetException(exception));
                return;
            }
        }
    }

    // Counts and exception types only: a signer's address or name never goes to the logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "A batch of {Count} signatures met an address signed meanwhile on another node (attempt {Attempt}); writing it again")]
    private static partial void LogRaced(ILogger logger, int count, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A batch of {Count} signatures was refused ({Error}); writing them one by one")]
    private static partial void LogSplit(ILogger logger, int count, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing {Count} signatures failed ({Error}); their signers get an error page")]
    private static partial void LogFailed(ILogger logger, int count, string error);
}
