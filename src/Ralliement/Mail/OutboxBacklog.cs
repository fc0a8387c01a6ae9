namespace Ralliement.Mail;

/// <summary>How many emails wait to be sent, and for how long the oldest has waited.</summary>
public sealed record OutboxBacklog(int Waiting, TimeSpan OldestAge)
{
    /// <summary>Past this, signers notice: a confirmation link is expected within seconds.</summary>
    public static readonly TimeSpan Late = TimeSpan.FromMinutes(1);

    public bool IsLate => OldestAge > Late;

    /// <param name="withNews">False to leave out news, which are sent slowly on purpose, after everything else.</param>
    public static async Task<OutboxBacklog> ReadAsync(RalliementDb db, DateTime now, CancellationToken cancellationToken, bool withNews = true)
    {
        var waiting = db.Outbox.Where(m => m.State == OutboxState.Pending && (withNews || m.Priority != OutboxPriority.News));
        var count = await waiting.CountAsync(cancellationToken);
        var oldest = count == 0 ? now : await waiting.MinAsync(m => m.CreatedAt, cancellationToken);
        return new OutboxBacklog(count, oldest < now ? now - oldest : TimeSpan.Zero);
    }
}
