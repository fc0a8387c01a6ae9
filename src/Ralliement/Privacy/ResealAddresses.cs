namespace Ralliement.Privacy;

/// <summary>
/// Keeps every stored address sealed with the current key, so an operator rotates keys by adding a
/// new one, making it current, and removing the old one once this job has logged that nothing uses
/// it. It also brings rows from before addresses were protected up to date: their clear address is
/// sealed while still needed (pending, news) and dropped otherwise, and their clear key is hashed.
/// Runs at start and then every hour, in batches, each its own transaction.
/// </summary>
public sealed partial class ResealAddresses(RalliementDb db, AddressProtection addresses, ILogger<ResealAddresses> logger) : IPeriodicWork
{
    private const int BatchSize = 500;

    public static TimeSpan Interval => TimeSpan.FromHours(1);

    public Task RunAsync(CancellationToken cancellationToken) => RunOnceAsync(cancellationToken);

    /// <summary>One pass over everything not yet sealed with the current key; returns how many rows it changed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var changed = await ResealSignaturesAsync(cancellationToken) + await ResealOutboxAsync(cancellationToken);
        if (changed > 0)
        {
            LogResealed(logger, changed, addresses.CurrentPrefix.TrimEnd('.'));
        }
        return changed;
    }

    private async Task<int> ResealSignaturesAsync(CancellationToken cancellationToken)
    {
        var prefix = addresses.CurrentPrefix;
        long after = 0;
        int changed = 0, unreadable = 0;
        while (true)
        {
            var rows = await db.Signatures.AsNoTracking()
                .Where(s => s.Id > after && ((s.SealedEmail != null && !s.SealedEmail.StartsWith(prefix)) || (s.EmailKey != null && s.EmailKey.Contains("@"))))
                .OrderBy(s => s.Id).Take(BatchSize)
                .Select(s => new Row(s.Id, s.State, s.AcceptsNews, s.SealedEmail, s.EmailKey, s.EmailDomain))
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                break;
            }
            foreach (var row in rows)
            {
                if (Updated(row) is not { } next)
                {
                    unreadable++;
                    continue;
                }
                // Only if the row is as it was read: a signer confirming meanwhile drops the address, and it stays dropped.
                changed += await db.Signatures
                    .Where(s => s.Id == row.Id && s.SealedEmail == row.SealedEmail && s.EmailKey == row.EmailKey)
                    .ExecuteUpdateAsync(s => s
                        .SetProperty(x => x.SealedEmail, next.SealedEmail)
                        .SetProperty(x => x.EmailKey, next.EmailKey)
                        .SetProperty(x => x.EmailDomain, next.EmailDomain), cancellationToken);
            }
            after = rows[^1].Id;
        }
        if (unreadable > 0)
        {
            LogUnreadable(logger, unreadable);
        }
        return changed;
    }

    private sealed record Row(long Id, SignatureState State, bool AcceptsNews, string? SealedEmail, string? EmailKey, string? EmailDomain);

    /// <returns>Null when the address was sealed with a key no longer configured: nothing can be done with it.</returns>
    private Row? Updated(Row row)
    {
        var next = row;
        if (row.EmailKey is { } clearKey && clearKey.Contains('@', StringComparison.Ordinal))
        {
            // Stored before addresses were hashed: the key was the address in its de-duplication form.
            next = next with
            {
                EmailKey = addresses.KeyOf(EmailAddress.CanonicalOf(clearKey)),
                EmailDomain = row.EmailDomain ?? clearKey[(clearKey.LastIndexOf('@') + 1)..],
            };
        }
        if (row.SealedEmail is not { } stored)
        {
            return next;
        }
        if (addresses.TryOpen(stored, out var address))
        {
            return next with { SealedEmail = addresses.Seal(address) };
        }
        if (stored.StartsWith("v1.", StringComparison.Ordinal))
        {
            return null;
        }
        // A clear address from before: kept, sealed, only where it is still needed.
        return next with { SealedEmail = row.State == SignatureState.Pending || row.AcceptsNews ? addresses.Seal(stored) : null };
    }

    private async Task<int> ResealOutboxAsync(CancellationToken cancellationToken)
    {
        var prefix = addresses.CurrentPrefix;
        long after = 0;
        var changed = 0;
        while (true)
        {
            var rows = await db.Outbox.AsNoTracking()
                .Where(m => m.Id > after && m.State != OutboxState.Sent && m.To != "" && !m.To.StartsWith(prefix))
                .OrderBy(m => m.Id).Take(BatchSize)
                .Select(m => new { m.Id, m.To })
                .ToListAsync(cancellationToken);
            if (rows.Count == 0)
            {
                return changed;
            }
            foreach (var row in rows)
            {
                var address = addresses.TryOpen(row.To, out var opened) ? opened
                    : row.To.StartsWith("v1.", StringComparison.Ordinal) ? null : row.To;
                if (address is null)
                {
                    continue;
                }
                // Only if still as read: a sender empties the address of what it has sent.
                var sealedTo = addresses.Seal(address);
                changed += await db.Outbox.Where(m => m.Id == row.Id && m.To == row.To)
                    .ExecuteUpdateAsync(m => m.SetProperty(x => x.To, sealedTo), cancellationToken);
            }
            after = rows[^1].Id;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Count} stored addresses with the current key {Key}")]
    private static partial void LogResealed(ILogger logger, int count, string key);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Count} stored addresses were sealed with a key that is no longer configured; put it back in Privacy:EncryptionKeys")]
    private static partial void LogUnreadable(ILogger logger, int count);
}
