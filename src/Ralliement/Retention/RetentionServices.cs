namespace Ralliement.Retention;

public static class RetentionServices
{
    public static void AddRetention(this WebApplicationBuilder builder)
    {
        builder.Services.AddPeriodicWork<PurgeExpiredPersonalData>();
    }
}
