using Ralliement.Organisers;

namespace Ralliement.Admin;

public static class AdminHost
{
    /// <summary>
    /// The site's configuration and database, built as the site builds them but never started:
    /// no Kestrel, no background sender. Logs go to standard error, so standard output holds only the CSV.
    /// </summary>
    internal static WebApplication BuildServices(string[] settings, bool withAccounts = false)
    {
        var builder = WebApplication.CreateBuilder(settings);
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        // A failed query is reported once, in one sentence, by the command itself.
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None);
        builder.AddData();
        if (withAccounts)
        {
            builder.Services.AddSingleton(TimeProvider.System);
            builder.AddDataProtectionKeys();
            builder.Services.AddOrganiserAccounts(builder.Configuration);
        }
        return builder.Build();
    }
}
