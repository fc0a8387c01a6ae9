namespace Ralliement.News;

/// <summary>The pace of news sending, in the <c>News</c> settings section.</summary>
public sealed class NewsOptions
{
    /// <summary>Emails queued at most per batch; a mail server or provider rate-limits bursts, and so do spam filters.</summary>
    public int BatchSize { get; set; } = 200;

    /// <summary>Wait between two batches of one post: 200 a minute is 12,000 an hour, gentle for any SMTP relay.</summary>
    public TimeSpan BatchInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often the sender looks for posts to send when no organiser's click woke it (another node's, a restart's).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);
}
