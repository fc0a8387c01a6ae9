namespace Ralliement.Data;

/// <summary>
/// Deletes signatures, or only what hangs off them, by one query for every table that refers to a
/// signature. Kept next to the model so that a new table referring to signatures is added here,
/// once, for the withdrawal, the erasure, the purges and an organisation's deletion alike.
/// </summary>
/// <remarks>
/// Explicit statements rather than the foreign keys: those restrict on commitments and field
/// values, and ExecuteDelete bypasses EF's own cascading. Callers hold the transaction.
/// </remarks>
public static class SignatureRows
{
    /// <summary>
    /// Deletes the links, field values and, unless kept for the statistics, commitments of these
    /// signatures; the signatures themselves stay.
    /// </summary>
    public static async Task DeleteRowsOfAsync(this RalliementDb db, IQueryable<Signature> signatures, bool keepCommitments, CancellationToken cancellationToken)
    {
        var ids = signatures.Select(s => s.Id);
        await db.ConfirmationTokens.Where(t => ids.Contains(t.SignatureId)).ExecuteDeleteAsync(cancellationToken);
        await db.SignatureFieldValues.Where(v => ids.Contains(v.SignatureId)).ExecuteDeleteAsync(cancellationToken);
        if (!keepCommitments)
        {
            await db.Set<SignatureCommitment>().Where(c => ids.Contains(c.SignatureId)).ExecuteDeleteAsync(cancellationToken);
        }
    }

    /// <summary>Deletes these signatures with every row that refers to them; returns how many signatures went.</summary>
    public static async Task<int> DeleteSignaturesAsync(this RalliementDb db, IQueryable<Signature> signatures, CancellationToken cancellationToken)
    {
        await db.DeleteRowsOfAsync(signatures, keepCommitments: false, cancellationToken);
        return await signatures.ExecuteDeleteAsync(cancellationToken);
    }
}
