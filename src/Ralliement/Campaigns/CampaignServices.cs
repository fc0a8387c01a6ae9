using Microsoft.EntityFrameworkCore;
using Ralliement.Data;

namespace Ralliement.Campaigns;

public static class CampaignServices
{
    public static void AddCampaigns(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReadCampaign>();
        builder.Services.AddScoped<ListSignatories>();
    }

    public static void MapCampaigns(this WebApplication app)
    {
        // The front door: straight to the campaign when only one is open, else to the list.
        app.MapGet("/", async (RalliementDb db, CancellationToken cancellationToken) =>
        {
            var open = await db.Campaigns.Where(c => c.State == CampaignState.Open).Select(c => c.Slug).Take(2).ToListAsync(cancellationToken);
            return Results.Redirect(open.Count == 1 ? $"/fr/c/{Uri.EscapeDataString(open[0])}" : "/fr/");
        });
    }
}
