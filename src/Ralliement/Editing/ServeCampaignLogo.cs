namespace Ralliement.Editing;

/// <summary>
/// <c>GET /c/{slug}/logo</c>: the logo of a public campaign. Pages link to it with <c>?v=</c> and the
/// time it was uploaded, so a browser may keep that address for a year: a new logo gets a new address.
/// </summary>
public static class ServeCampaignLogo
{
    public static void MapCampaignLogo(this WebApplication app) =>
        app.MapGet("/c/{slug}/logo", async (string slug, HttpContext http, RalliementDb db, CancellationToken cancellationToken) =>
        {
            var logo = await db.CampaignLogos.AsNoTracking()
                .Where(l => db.Campaigns.Any(c => c.Id == l.CampaignId && c.Slug == slug && c.State != CampaignState.Draft))
                .Select(l => new { l.ContentType, l.Content, l.UpdatedAt })
                .FirstOrDefaultAsync(cancellationToken);
            if (logo is null)
            {
                return Results.NotFound();
            }
            // Unversioned, it is kept as long as a public page is (the public policy says so).
            if (http.Request.Query["v"] == logo.UpdatedAt.Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            }
            return Results.File(logo.Content, logo.ContentType);
        }).CacheOutput(PublicPageCaching.Policy);
}
