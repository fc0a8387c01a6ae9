namespace Ralliement.News;

/// <summary>Stops news to one signer, from the link or the one-click button of any news email.</summary>
public sealed class UnsubscribeFromNews(RalliementDb db, UnsubscribeTokens tokens, StopNews stopNews)
{
    /// <summary>The campaign a valid link is about (null for a link this site did not make, or a signature gone).</summary>
    public async Task<string?> CampaignSlugAsync(string token, CancellationToken cancellationToken) =>
        tokens.SignatureOf(token) is { } id
            ? await db.Signatures.Where(s => s.Id == id).Select(s => s.Campaign.Slug).FirstOrDefaultAsync(cancellationToken)
            : null;

    /// <summary>
    /// Idempotent: a second click, or a signature already withdrawn, changes nothing and answers the same,
    /// so the answer tells nothing about the signature.
    /// </summary>
    public async Task<bool> HandleAsync(string token, CancellationToken cancellationToken)
    {
        if (tokens.SignatureOf(token) is not { } id)
        {
            return false;
        }
        await stopNews.HandleAsync(id, cancellationToken);
        return true;
    }
}
