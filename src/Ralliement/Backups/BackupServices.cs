using Microsoft.Data.Sqlite;

namespace Ralliement.Backups;

public static class BackupServices
{
    /// <summary>The erasure log every erasure writes to, and the mark that a site uses its SQLite file.</summary>
    public static void AddBackups(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(services => new ErasureLog(
            builder.Configuration.ErasureLogPath(builder.Environment),
            services.GetRequiredService<TimeProvider>(),
            services.GetRequiredService<ILogger<ErasureLog>>()));
        builder.Services.AddHostedService<SiteLock>();
        builder.Services.AddHostedService<CheckErasureLog>();
    }

    private sealed class CheckErasureLog(ErasureLog log) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            log.CheckWritable();
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    /// <summary><c>Backups:ErasureLog</c>, by default <c>erasures.log</c> in the data folder.</summary>
    public static string ErasureLogPath(this IConfiguration configuration, IHostEnvironment environment) =>
        configuration["Backups:ErasureLog"] is { Length: > 0 } path
            ? System.IO.Path.GetFullPath(path, environment.ContentRootPath)
            : System.IO.Path.Combine(configuration.DataDirectory(environment), "erasures.log");

    /// <summary>The SQLite file a context uses, or null on PostgreSQL.</summary>
    public static string? SqliteFile(this RalliementDb db) =>
        db.Database.IsSqlite() ? System.IO.Path.GetFullPath(new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource) : null;
}
