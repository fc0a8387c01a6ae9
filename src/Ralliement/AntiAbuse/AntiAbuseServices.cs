namespace Ralliement.AntiAbuse;

public static class AntiAbuseServices
{
    public static void AddAntiAbuse(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<AntiAbuseOptions>(builder.Configuration.GetSection("AntiAbuse"));
        builder.AddClientAddresses();
        builder.AddRateLimits();
        builder.Services.AddSingleton<Honeypot>();
        builder.Services.AddSingleton<DisposableDomains>();
        builder.Services.AddSingleton<WatchSigningWaves>();
        builder.Services.AddHostedService<NoticeSigningWaves>();
    }
}
