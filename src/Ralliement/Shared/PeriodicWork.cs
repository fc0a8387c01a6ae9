namespace Ralliement.Shared;

/// <summary>
/// A sweep the site does by itself at start and then every <see cref="Interval"/>: purges, resealing.
/// Resolved in a scope of its own for each run, so it takes the database like any handler.
/// </summary>
public interface IPeriodicWork
{
    static abstract TimeSpan Interval { get; }

    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Runs <typeparamref name="TWork"/> at start and then every interval of the site's clock, so a test's
/// fake clock drives it. A run that fails is logged and the next tick tries again: a database
/// restarting must not stop the site, nor the sweeps after it.
/// </summary>
public sealed partial class PeriodicWork<TWork>(IServiceScopeFactory scopes, TimeProvider clock, ILogger<PeriodicWork<TWork>> logger)
    : BackgroundService
    where TWork : IPeriodicWork
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TWork.Interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<TWork>().RunAsync(stoppingToken);
            }
            // Only the type: a database error's message can quote the values of a row, addresses included.
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, typeof(TWork).Name, exception.GetType().Name, TWork.Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Work} failed ({Error}); trying again in {Interval}")]
    private static partial void LogFailed(ILogger logger, string work, string error, TimeSpan interval);
}

public static class PeriodicWorkServices
{
    /// <summary>Registers a sweep and the runner that runs it.</summary>
    public static IServiceCollection AddPeriodicWork<TWork>(this IServiceCollection services)
        where TWork : class, IPeriodicWork
    {
        services.AddScoped<TWork>();
        return services.AddHostedService<PeriodicWork<TWork>>();
    }
}
