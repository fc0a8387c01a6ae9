namespace Ralliement.Mail;

/// <summary>How many emails wait to be sent, and for how long the oldest has waited.</summary>
public sealed record OutboxBacklog(int Waiting, TimeSpan OldestAge)
{
    /// <summary>Past this, signers notice: a confirmation link is expected within seconds.</summary>
    public static readonly TimeSpan Late = TimeSpan.FromMinutes(1);

    public bool IsLate => OldestAge > Late;

    public static async Task<OutboxBacklog> ReadAsync(RalliementDb db, DateTime now, CancellationToken cancellationToken)
    {
        var waiting = db.Outbox.Where(m => m.State == OutboxState.Pending);
        var count = await waiting.CountAsync(cancellationToken);
        var oldest = count == 0 ? now : await waiting.MinAsync(m => m.CreatedAt, cancellationToken);
        return new OutboxBacklog(count, oldest < now ? now - oldest : TimeSpan.Zero);
    }
}
