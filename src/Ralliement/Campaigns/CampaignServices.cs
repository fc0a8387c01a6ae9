namespace Ralliement.Campaigns;

public static class CampaignServices
{
    public static void AddCampaigns(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadCampaign>();
        builder.Services.AddScoped<ReadPublicCampaigns>();
        builder.Services.AddScoped<ReadCount>();
        builder.Services.AddScoped<ListSignatories>();
        builder.Services.AddScoped<ReadTextVersions>();
    }

    public static void MapCampaigns(this WebApplication app)
    {
        // The front door: straight to the campaign when only one is open, else to the list. A
        // redirect is not kept by the output cache, so its target is what is kept, for as long.
        app.MapGet("/", async (RalliementDb db, RecentReads<string, string> recent, CancellationToken cancellationToken) =>
        {
            var target = await recent.GetAsync("/", async () =>
            {
                var open = await db.Campaigns.Where(c => c.State == CampaignState.Open).Select(c => c.Slug).Take(2).ToListAsync(cancellationToken);
                return open.Count == 1 ? $"/fr/c/{Uri.EscapeDataString(open[0])}" : "/fr/";
            });
            return Results.Redirect(target!);
        });

        app.MapGet("/api/campaigns/{slug}/count", async (string slug, ReadCount readCount, CancellationToken cancellationToken) =>
            await readCount.HandleAsync(slug, cancellationToken) is { } count
                ? Results.Ok(count)
                : Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No public campaign by that name."))
            .CacheOutput(PublicPageCaching.Policy);
    }
}
