using Ralliement.Confirmation;
using Ralliement.Moderation;
using Ralliement.News;
using Ralliement.Organisations;
using Ralliement.Organisers;
using Ralliement.Retention;
using Ralliement.SelfService;
using Ralliement.Signing;

namespace Ralliement.Backups;

/// <summary>
/// The services a restore needs on the restored database, built as the site builds them but never
/// started: the product's own erasure handlers and purges, an erasure log that writes nothing (the
/// events it replays are already in the logs), logs on standard error.
/// </summary>
internal static class RestoreHost
{
    public static WebApplication Build(IEnumerable<string> settings)
    {
        var builder = WebApplication.CreateBuilder([.. settings]);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.AddData();
        var services = builder.Services;
        services.AddSingleton(TimeProvider.System);
        services.AddOutputCache();
        services.AddSingleton(provider => new ErasureLog(null, TimeProvider.System, provider.GetRequiredService<ILogger<ErasureLog>>()));
        services.Configure<SigningOptions>(builder.Configuration.GetSection("Signing"));
        services.AddScoped<Audit>();
        services.AddScoped<WithdrawSignature>();
        services.AddScoped<EraseSignature>();
        services.AddScoped<ModerateSignatures>();
        services.AddScoped<StopNews>();
        services.AddScoped<DeleteOrganisation>();
        services.AddScoped<ReplayErasures>();
        services.AddScoped<PurgeUnconfirmedSignatures>();
        services.AddScoped<PurgeExpiredPersonalData>();
        return builder.Build();
    }
}
