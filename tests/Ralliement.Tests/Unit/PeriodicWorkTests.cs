using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Ralliement.Shared;

namespace Ralliement.Tests.Unit;

public sealed class PeriodicWorkTests
{
    [Fact]
    public async Task A_sweep_runs_at_start_then_each_time_the_clock_passes_its_interval_even_after_a_failed_run()
    {
        var clock = new FakeTimeProvider();
        var runs = Channel.CreateUnbounded<int>();
        using var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(runs)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(Logger<>))
            .AddPeriodicWork<FailingFirstSweep>()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var runner = services.GetServices<IHostedService>().Single();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        await runner.StartAsync(timeout.Token);
        Assert.Equal(1, await runs.Reader.ReadAsync(timeout.Token));

        clock.Advance(FailingFirstSweep.Interval - TimeSpan.FromSeconds(1));
        Assert.False(runs.Reader.TryRead(out _));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await runs.Reader.ReadAsync(timeout.Token));

        clock.Advance(FailingFirstSweep.Interval);
        Assert.Equal(3, await runs.Reader.ReadAsync(timeout.Token));
        await runner.StopAsync(timeout.Token);
    }

    /// <summary>Fails its first run, as a sweep does while the database restarts.</summary>
    private sealed class FailingFirstSweep(Channel<int> runs) : IPeriodicWork
    {
        private static int _runs;

        public static TimeSpan Interval => TimeSpan.FromHours(1);

        public Task RunAsync(CancellationToken cancellationToken)
        {
            var run = Interlocked.Increment(ref _runs);
            runs.Writer.TryWrite(run);
            return run == 1 ? throw new InvalidOperationException("The database is restarting.") : Task.CompletedTask;
        }
    }
}
