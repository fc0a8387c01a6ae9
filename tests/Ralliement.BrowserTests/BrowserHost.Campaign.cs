using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Ralliement.Data;

namespace Ralliement.BrowserTests;

public sealed partial class BrowserHost
{
    /// <summary>Changes the demo campaign's options in this host's database, as an organiser's editor would.</summary>
    public async Task ChangeDemoCampaignAsync(Action<Campaign> change)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RalliementDb>();
        var campaign = await db.Campaigns.Include(c => c.CustomFields).SingleAsync(c => c.Slug == Demo.DemoCampaign.Slug);
        change(campaign);
        await db.SaveChangesAsync();
    }
}
