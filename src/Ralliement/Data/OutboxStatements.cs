namespace Ralliement.Data;

/// <summary>The sender's two statements on the outbox: take the next due emails, and say a group left.</summary>
public static class OutboxStatements
{
    // One statement claims a group, so two senders can never both see a row as theirs. On
    // PostgreSQL, SKIP LOCKED lets a second node's claim pass over the rows the first is taking
    // instead of waiting for it; SQLite has a single writer, so the statement alone is enough.
    private const string ClaimSql = """
        UPDATE "Outbox" SET "ClaimedUntil" = {0}
        WHERE "Id" IN (
            SELECT "Id" FROM "Outbox"
            WHERE "State" = {1} AND "NextAttemptAt" <= {2} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {2})
            ORDER BY "Priority", "NextAttemptAt", "Id"
            LIMIT {3})
        RETURNING *
        """;

    private static readonly string PostgresClaimSql = ClaimSql.Replace("LIMIT {3})", "LIMIT {3}\n    FOR UPDATE SKIP LOCKED)", StringComparison.Ordinal);

    /// <summary>Holds up to <paramref name="count"/> due emails for this sender until <paramref name="until"/>, in sending order.</summary>
    public static async Task<List<OutboxMessage>> ClaimDueEmailsAsync(
        this RalliementDb db, int count, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        var sql = db.Database.IsNpgsql() ? PostgresClaimSql : ClaimSql;
        var claimed = await db.Outbox
            .FromSqlRaw(sql, until, nameof(OutboxState.Pending), now, count)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        // RETURNING gives no order.
        return [.. claimed.OrderBy(m => m.Priority).ThenBy(m => m.NextAttemptAt).ThenBy(m => m.Id)];
    }

    /// <summary>Marks a group sent and forgets its address and body, which are personal data no longer needed.</summary>
    public static Task<int> MarkEmailsSentAsync(this RalliementDb db, IReadOnlyCollection<long> ids, DateTime sentAt) =>
        // Not cancellable: these emails have left, so their rows must say so, or they would be sent again.
        db.Outbox.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.State, OutboxState.Sent)
            .SetProperty(x => x.SentAt, sentAt)
            .SetProperty(x => x.To, "")
            .SetProperty(x => x.TextBody, "")
            .SetProperty(x => x.HtmlBody, (string?)null)
            .SetProperty(x => x.LastError, (string?)null)
            .SetProperty(x => x.ClaimedUntil, (DateTime?)null), CancellationToken.None);

    /// <summary>Gives claimed emails back untouched, due again at <paramref name="due"/>, without counting an attempt.</summary>
    public static Task<int> ReleaseEmailsAsync(this RalliementDb db, IReadOnlyCollection<long> ids, DateTime due) =>
        db.Outbox.Where(m => ids.Contains(m.Id) && m.State == OutboxState.Pending).ExecuteUpdateAsync(m => m
            .SetProperty(x => x.NextAttemptAt, x => x.NextAttemptAt > due ? x.NextAttemptAt : due)
            .SetProperty(x => x.ClaimedUntil, (DateTime?)null), CancellationToken.None);
}
