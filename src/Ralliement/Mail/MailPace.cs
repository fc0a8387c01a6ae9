using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Ralliement.Mail;

/// <summary>
/// How fast every connection together may send: the configured ceiling, and the server's own
/// requests to slow down (421, 451). A throttling server pauses the whole pool, then is sent to at
/// half the rate it refused for a while, rather than each email burning its attempts against it.
/// </summary>
public sealed partial class MailPace : IDisposable
{
    /// <summary>Long enough for a provider's per-minute quota to refill.</summary>
    public static readonly TimeSpan Pause = TimeSpan.FromSeconds(30);

    /// <summary>How long the slower rate lasts after the server last asked to slow down.</summary>
    public static readonly TimeSpan Recovery = TimeSpan.FromMinutes(5);

    private readonly Lock _lock = new();
    private readonly TimeProvider _clock;
    private readonly ILogger<MailPace> _logger;
    private readonly int? _ceiling;
    private RateLimiter? _limiter;
    private int? _rate;
    private DateTime _pausedUntil = DateTime.MinValue;
    private DateTime _throttledAt = DateTime.MinValue;
    private DateTime _countingSince;
    private int _sentSince;
    private int _lastRate;

    public MailPace(IOptions<MailOptions> options, TimeProvider clock, ILogger<MailPace> logger)
    {
        _clock = clock;
        _logger = logger;
        _ceiling = options.Value.Smtp.MaxPerSecond is > 0 and var ceiling ? ceiling : null;
        _countingSince = Now;
        SetRate(_ceiling);
    }

    private DateTime Now => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Until when nothing may be sent, or null when sending may go on.</summary>
    public DateTime? PausedUntil
    {
        get
        {
            lock (_lock)
            {
                var now = Now;
                if (_rate != _ceiling && now - _throttledAt > Recovery)
                {
                    SetRate(_ceiling);
                }
                return _pausedUntil > now ? _pausedUntil : null;
            }
        }
    }

    /// <summary>Waits until one more email may leave under the current rate.</summary>
    public async ValueTask WaitTurnAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            RateLimiter? limiter;
            lock (_lock)
            {
                limiter = _limiter;
            }
            if (limiter is null)
            {
                return;
            }
            try
            {
                using var lease = await limiter.AcquireAsync(1, cancellationToken);
                return;
            }
            catch (ObjectDisposedException)
            {
                // The rate changed while this email waited: wait under the new one.
            }
        }
    }

    public void Sent()
    {
        lock (_lock)
        {
            _sentSince++;
            var seconds = (Now - _countingSince).TotalSeconds;
            if (seconds >= 10)
            {
                _lastRate = (int)(_sentSince / seconds);
                _countingSince = Now;
                _sentSince = 0;
            }
        }
    }

    /// <summary>The server asked to slow down; returns until when the pool pauses.</summary>
    public DateTime Throttled()
    {
        lock (_lock)
        {
            var now = Now;
            if (_pausedUntil > now)
            {
                // The other connections' answers to the same request: one slow-down is enough.
                return _pausedUntil;
            }
            var seconds = Math.Max((now - _countingSince).TotalSeconds, 1);
            var measured = Math.Max(_lastRate, (int)(_sentSince / seconds));
            var slower = Math.Max(1, (_rate ?? measured) / 2);
            _pausedUntil = now + Pause;
            _throttledAt = now;
            _countingSince = _pausedUntil;
            _sentSince = 0;
            SetRate(slower);
            LogThrottling(_logger, (int)Pause.TotalSeconds, slower, (int)Recovery.TotalMinutes);
            return _pausedUntil;
        }
    }

    private void SetRate(int? perSecond)
    {
        _limiter?.Dispose();
        _rate = perSecond;
        _limiter = perSecond is { } rate
            ? new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = rate,
                TokensPerPeriod = rate,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = int.MaxValue,
                AutoReplenishment = true,
            })
            : null;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _limiter?.Dispose();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The mail server is throttling: sending pauses for {Seconds} s, then goes on at {Rate} emails/s for {Minutes} min")]
    private static partial void LogThrottling(ILogger logger, int seconds, int rate, int minutes);
}
