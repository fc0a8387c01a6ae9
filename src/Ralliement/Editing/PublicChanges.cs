using Microsoft.AspNetCore.OutputCaching;

namespace Ralliement.Editing;

internal static class PublicChanges
{
    /// <summary>
    /// Saves a change visitors see and drops the cached public pages, so that the organiser who opens
    /// the campaign next sees it rather than the page cached before. The pages are dropped even when
    /// the request is cancelled meanwhile: by then the change is saved.
    /// </summary>
    public static async Task SaveAndRefreshPublicPagesAsync(this RalliementDb db, IOutputCacheStore publicPages, CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        await publicPages.EvictByTagAsync(PublicPageCaching.Tag, CancellationToken.None);
    }
}
