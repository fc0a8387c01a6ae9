namespace Ralliement.Data;

/// <summary>The counters that give new rows their ids, moved by a restore (SQLite's sqlite_sequence, PostgreSQL's identity sequences).</summary>
public static class IdCounters
{
    /// <summary>Makes the next signature id greater than <paramref name="id"/>, if it was not already.</summary>
    public static Task KeepSignatureIdsAboveAsync(this RalliementDb db, long id, CancellationToken cancellationToken) => db.Database.IsNpgsql()
        ? db.Database.ExecuteSqlAsync($"""SELECT setval(pg_get_serial_sequence('"Signatures"', 'Id'), GREATEST({id}, COALESCE(pg_sequence_last_value(pg_get_serial_sequence('"Signatures"', 'Id')::regclass), 1)))""", cancellationToken)
        : db.Database.ExecuteSqlAsync($"""
            INSERT INTO sqlite_sequence (name, seq) SELECT 'Signatures', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'Signatures');
            UPDATE sqlite_sequence SET seq = MAX(seq, {id}) WHERE name = 'Signatures';
            """, cancellationToken);

    /// <summary>Makes the next organisation id greater than <paramref name="id"/>, if it was not already.</summary>
    public static Task KeepOrganisationIdsAboveAsync(this RalliementDb db, long id, CancellationToken cancellationToken) => db.Database.IsNpgsql()
        ? db.Database.ExecuteSqlAsync($"""SELECT setval(pg_get_serial_sequence('"Organisations"', 'Id'), GREATEST({id}, COALESCE(pg_sequence_last_value(pg_get_serial_sequence('"Organisations"', 'Id')::regclass), 1)))""", cancellationToken)
        : db.Database.ExecuteSqlAsync($"""
            INSERT INTO sqlite_sequence (name, seq) SELECT 'Organisations', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'Organisations');
            UPDATE sqlite_sequence SET seq = MAX(seq, {id}) WHERE name = 'Organisations';
            """, cancellationToken);
}
