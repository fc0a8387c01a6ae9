using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Ralliement.Mail;

namespace Ralliement.Health;

/// <summary>
/// What a supervisor or a reverse proxy asks: <c>/healthz</c>, the process answers; <c>/readyz</c>, this
/// node can serve (database reachable, migrations applied, confirmation emails leaving). Both answer
/// one word, "Healthy" or "Unhealthy", with 200 or 503: the reasons go to the log, never to the public.
/// </summary>
public static class HealthServices
{
    private const string Ready = "ready";

    public static void AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<HealthOptions>(builder.Configuration.GetSection("Health"));
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseReady>("database", tags: [Ready])
            .AddCheck<MailLeaving>("mail", tags: [Ready]);
    }

    public static void MapHealth(this WebApplication app)
    {
        // No check at all: answering is the proof.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(Ready) });
    }
}

public sealed class HealthOptions
{
    /// <summary>How long the oldest confirmation or organiser email may wait before this node says it is not ready.</summary>
    public TimeSpan MailBacklogMaxAge { get; set; } = TimeSpan.FromMinutes(15);
}

/// <summary>The database answers and has every migration this version knows.</summary>
internal sealed class DatabaseReady(RalliementDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await db.Database.CanConnectAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("The database does not answer.");
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
        return pending == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{pending} migrations are not applied.");
    }
}

/// <summary>
/// Signers' and organisers' emails leave: the oldest waits less than <see cref="HealthOptions.MailBacklogMaxAge"/>.
/// News are left out, as they are sent slowly on purpose.
/// </summary>
internal sealed class MailLeaving(RalliementDb db, TimeProvider clock, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var backlog = await OutboxBacklog.ReadAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken, withNews: false);
        return backlog.OldestAge <= options.Value.MailBacklogMaxAge
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"{backlog.Waiting} emails wait; the oldest for {backlog.OldestAge.TotalMinutes:F0} minutes.");
    }
}
